/**
 * Runs a failed COMMIT left locked in DuckDB until the store is reopened (see Ingester.commitGroup),
 * with the frames (seqs) of that commit, and their check once the store is open again.
 */
import { errorMessage } from '../../common/errors.js';
import type { Logger } from '../log.js';
import { repairHalfCommit } from '../store/run-writes.js';
import type { Store } from '../store/store.js';

export class LockedRuns {
  private readonly runs = new Map<string, Set<number>>();

  has(runId: string): boolean {
    return this.runs.has(runId);
  }

  /** `seq`: undefined for a hello. */
  lock(runId: string, seq: number | undefined): void {
    const seqs = this.runs.get(runId) ?? new Set<number>();
    if (seq !== undefined) seqs.add(seq);
    this.runs.set(runId, seqs);
  }

  /**
   * After the reopen: a run's ledger, events_ingested and event_log agree when the failed commit came
   * back whole or not at all; otherwise its part is removed (repairHalfCommit) so its frames are stored
   * again. `forget` drops the ingester's state of each run (loaded again at its next frame); then all are unlocked.
   */
  async release(store: Store, log: Logger, forget: (runId: string) => void): Promise<void> {
    for (const [runId, seqs] of this.runs) {
      forget(runId);
      try {
        const repaired = await store.transaction((c) => repairHalfCommit(c, runId, [...seqs]));
        if (repaired) log.error('a failed commit came back in part at reopen: its frames were removed from the store, to be stored again', { run_id: runId, ...repaired });
      } catch (err) {
        log.error('could not check a run a failed commit had locked', { run_id: runId, error: errorMessage(err) });
      }
    }
    this.runs.clear();
  }
}
