/** What the ingester remembers of a run between its frames: run key, interned strings, stored batches. */
export interface RunState {
  readonly runId: string;
  readonly runKey: number;
  /** Interned strings by id (ids are global to the run; id 0 is always the empty string). */
  readonly strings: string[];
  /** Sequence numbers already committed (dedup for re-sent and spooled frames). */
  readonly committed: Set<number>;
  ended: boolean;
}

/** Highest n such that 1..n are all committed: where an agent may resume. */
export function contiguousCommitted(state: RunState): number {
  let n = 0;
  while (state.committed.has(n + 1)) n++;
  return n;
}
