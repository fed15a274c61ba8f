/**
 * The single writer: frames from every connection and spool file queue here and are committed in
 * groups, one DuckDB transaction per group. Each (run_id, seq) is stored exactly once; a frame is
 * acknowledged (its promise resolves) only after its transaction committed.
 */
import { LabtraceError, errorMessage } from '../../common/errors.js';
import type { Logger } from '../log.js';
import { frameSeq, type AgentMessage, type Hello } from '../protocol/messages.js';
import { newRun, runEnding } from './run-rows.js';
import type { Store } from '../store/store.js';
import type { EventAppender } from '../store/event-appender.js';
import { ColumnBuffer, isEncoded, type BatchEvents } from './event-columns.js';
import { batchToRows } from './batch-rows.js';
import { applyRunEnd, insertRun, loadRunState, writeBatchRows, writeLedger, type BatchLedgerRow } from '../store/run-writes.js';
import { contiguousCommitted, type RunState } from './run-state.js';
import { GroupTiming } from './group-timing.js';
import { LockedRuns } from './locked-runs.js';
import { isDuplicateKeyError, isTransientStoreError } from '../store/store-errors.js';

export type FrameSource = 'ws' | 'spool';

export interface FrameOutcome {
  readonly runId: string;
  readonly seq: number;
  /** false when the frame had been stored before (a re-sent or re-spooled duplicate). */
  readonly stored: boolean;
  /** For hello frames: highest seq such that 1..seq are committed. */
  readonly resumeSeq: number;
}

interface Pending {
  readonly message: AgentMessage;
  readonly runId: string;
  readonly source: FrameSource;
  /** The batch's event columns when the frame decoder took them out of the message (see decode-frame.ts). */
  readonly events: BatchEvents | undefined;
  readonly eventCount: number;
  resolve(outcome: FrameOutcome): void;
  reject(err: unknown): void;
}

export interface IngestStats {
  framesCommitted: number;
  eventsCommitted: number;
  duplicatesSkipped: number;
  transactions: number;
}

/** DuckDB holds a group's appended rows in memory until its COMMIT (~100 bytes an event: 44-60 MB for 524 k). */
const MAX_GROUP_EVENTS = 262_144;
/** ~2 s in all: long enough for a concurrent query or export to give its memory back. */
const RETRY_DELAYS_MS = [50, 400, 1500] as const;

export class Ingester {
  private readonly runs = new Map<string, RunState>();
  private readonly lockedRuns = new LockedRuns();
  private queue: Pending[] = [];
  private draining: Promise<void> | undefined;
  private lastActivity = 0;
  private closed = false;
  /** Encoded batches are decoded into this, one at a time, just before their append. */
  private readonly columns = new ColumnBuffer();
  readonly stats: IngestStats = { framesCommitted: 0, eventsCommitted: 0, duplicatesSkipped: 0, transactions: 0 };
  /** Called after a run's RunEnd is committed (the daemon stops sampling it, for example). */
  onRunEnded: ((runId: string) => void) | undefined;
  onRunStarted: ((runId: string, pid: number) => void) | undefined;
  /** Called when a failed commit has locked runs: the daemon reopens the store (see reopenStore). */
  onStoreLocked: (() => void) | undefined;
  /**
   * Run between two commit groups each time `everyEvents` more events were committed (the daemon gives
   * DuckDB's memory back during a long ingest: see daemon.ts). Nothing is committed meanwhile.
   */
  trim: { readonly everyEvents: number; run(): Promise<unknown> } | undefined;
  private trimmedAt = 0;

  /**
   * `retryDelaysMs`: the waits before each new attempt of a group whose commit failed on a store error
   * (tests shorten them).
   */
  constructor(private readonly store: Store, private readonly log: Logger, private readonly retryDelaysMs: readonly number[] = RETRY_DELAYS_MS) {}

  /**
   * Queues a frame of `runId` (for hello frames, their own run id) and resolves once it is committed.
   * `events`: the batch's columns, if the frame decoder took them out of the message (see decode-frame.ts).
   */
  submit(message: AgentMessage, runId: string, source: FrameSource, events?: BatchEvents): Promise<FrameOutcome> {
    if (this.closed) return Promise.reject(new LabtraceError('INTERNAL', 'ingester is closed'));
    const eventCount = events?.length ?? message.batch?.kind?.length ?? 0;
    this.lastActivity = performance.now();
    return new Promise<FrameOutcome>((resolve, reject) => {
      this.queue.push({ message, runId, source, events, eventCount, resolve, reject });
      this.kick();
    });
  }

  /**
   * Resolves once no frame has been queued or committed for `quietMs` (background work such as
   * run correlation waits for this so it does not slow a busy ingest), or after `maxWaitMs` anyway.
   */
  async whenIdle(quietMs: number, maxWaitMs: number): Promise<void> {
    const deadline = performance.now() + maxWaitMs;
    for (;;) {
      const now = performance.now();
      const quietFor = now - this.lastActivity;
      if ((this.queue.length === 0 && !this.draining && quietFor >= quietMs) || now >= deadline) return;
      await new Promise((r) => setTimeout(r, Math.max(10, Math.min(quietMs - quietFor, deadline - now, quietMs))));
    }
  }

  /** Milliseconds since a frame was last queued or a commit group ended; 0 while frames wait or commit. */
  get quietMs(): number {
    return this.queue.length > 0 || this.draining ? 0 : performance.now() - this.lastActivity;
  }

  /**
   * Runs `work` between two commit groups: frames submitted meanwhile queue and are committed after it
   * (the daemon's idle memory release changes a store setting that no commit may see change).
   */
  async between<T>(work: () => Promise<T>): Promise<T> {
    while (this.draining) await this.draining;
    const run = work();
    this.draining = run
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.draining = undefined;
        if (this.queue.length > 0) this.kick();
      });
    return run;
  }

  /**
   * Reopens the store between two commit groups (`reopen`: Store.reopen, with whatever else must wait
   * for it), then checks each run a failed commit had locked (verifyLockedRun) and takes it back:
   * its state is loaded again from the store, and its frames are accepted again.
   */
  async reopenStore(reopen: () => Promise<void>): Promise<void> {
    await this.between(async () => {
      await reopen();
      await this.lockedRuns.release(this.store, this.log, (runId) => this.runs.delete(runId));
      this.log.info('store reopened after a failed commit');
    });
  }

  /** Frames and events queued, not yet in a commit group. */
  get backlog(): { frames: number; events: number } {
    return { frames: this.queue.length, events: this.queue.reduce((n, p) => n + p.eventCount, 0) };
  }

  /** Waits until everything queued so far is committed. */
  async drain(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = (async () => {
      try {
        while (this.queue.length > 0) {
          const group = this.takeGroup();
          await this.commitGroup(group);
          if (this.trim && this.stats.eventsCommitted - this.trimmedAt >= this.trim.everyEvents) {
            this.trimmedAt = this.stats.eventsCommitted;
            await this.trim.run();
          }
        }
      } finally {
        this.draining = undefined;
        this.lastActivity = performance.now();
      }
    })();
  }

  private takeGroup(): Pending[] {
    let events = 0;
    let i = 0;
    while (i < this.queue.length) {
      events += this.queue[i]!.eventCount;
      i++;
      if (events >= MAX_GROUP_EVENTS) break;
    }
    return this.queue.splice(0, i);
  }

  /**
   * Commits `group`. A failure of the store's own (out of memory, a block it could not pin, a run key
   * held by a failed commit) is retried after a wait and a recovery of the writer; if it persists,
   * every frame of the group is refused as retryable (STORE_UNAVAILABLE: the agent keeps its frames and
   * spools them, a spool file stays for the next scan). Any other failure is the frame's: the group is
   * split so one client's bytes cost nobody else.
   *
   * A COMMIT DuckDB (1.5.6) failed leaves its transaction registered as active until the database is
   * closed: the rows and keys it wrote stay locked ("Conflict on update!", a runs key whose row nobody
   * sees, CHECKPOINT refused). Its runs cannot be written again until the store is reopened
   * (reopenStore): their frames are refused as retryable at once, and stored from their spool files after.
   */
  private async commitGroup(group: Pending[]): Promise<void> {
    let err: unknown;
    for (let attempt = 0; ; attempt++) {
      if (group.some((g) => this.lockedRuns.has(g.runId))) {
        err = new LabtraceError('STORE_UNAVAILABLE', `run ${group[0]!.runId} is locked by a failed commit until the store is reopened (frames kept by their sender)`);
        break; // a group with other runs too is split below: their frames need not wait
      }
      try {
        await this.commitOnce(group);
        return;
      } catch (e) {
        err = e;
      }
      if (isFailedCommit(err) && isTransientStoreError(err)) {
        for (const g of group) this.lockedRuns.lock(g.runId, g.message.body === 'hello' ? undefined : frameSeq(g.message));
        this.log.error('a failed commit left its runs locked until the store is reopened (their frames are kept: by their agents, in spool files)', {
          runs: [...new Set(group.map((g) => g.runId))].join(','), error: errorMessage(err),
        });
        this.onStoreLocked?.();
        break;
      }
      if (!isTransientStoreError(err) || attempt >= this.retryDelaysMs.length) break;
      this.log.warn('commit failed on a store error: retrying', { frames: group.length, attempt: attempt + 1, error: errorMessage(err) });
      await new Promise((r) => setTimeout(r, this.retryDelaysMs[attempt]));
      try {
        await this.store.recoverWriter(attempt > 0 || isGhostKey(err));
      } catch (recoverErr) {
        this.log.warn('store writer recovery failed', { error: errorMessage(recoverErr) });
      }
    }
    const someLocked = group.some((g) => this.lockedRuns.has(g.runId));
    if (group.length > 1 && (someLocked ? group.some((g) => !this.lockedRuns.has(g.runId)) : isGhostKey(err) || !isTransientStoreError(err))) {
      // Isolate the bad frame (or the one run's trouble): commit the others one by one so they cost nobody else.
      for (const item of group) await this.commitGroup([item]);
      return;
    }
    if (someLocked || isTransientStoreError(err)) {
      const retryable = err instanceof LabtraceError && err.code === 'STORE_UNAVAILABLE' ? err : new LabtraceError('STORE_UNAVAILABLE', `the store could not commit (frames kept by their sender): ${errorMessage(err)}`, undefined, { cause: err });
      this.log.warn('frames not committed: store unavailable, kept by their sender', { frames: group.length, runs: [...new Set(group.map((g) => g.runId))].join(','), error: errorMessage(retryable) });
      for (const item of group) item.reject(retryable);
      return;
    }
    this.log.warn('frame rejected', { run_id: group[0]!.runId, error: errorMessage(err) });
    group[0]!.reject(err);
  }

  private async commitOnce(group: Pending[]): Promise<void> {
    const timing = new GroupTiming();
    const outcomes = await this.store.transaction(async () => {
      const staged = new Map<string, StagedRun>();
      const results: FrameOutcome[] = [];
      const events = await this.store.openEventAppender();
      try {
        for (const item of group) results.push(await this.apply(item, staged, events));
        timing.mark('append');
        if (events.rowsAppended > 0) events.flush();
        timing.mark('flush');
      } finally {
        events.close();
      }
      await this.writeLedger(staged);
      timing.mark('ledger');
      return { results, staged };
    });
    timing.mark('commit');
    this.log.debug('group committed', { frames: group.length, events: group.reduce((n, g) => n + g.eventCount, 0), ...timing.ms });
    this.publish(outcomes.staged);
    this.stats.transactions++;
    group.forEach((item, i) => item.resolve(outcomes.results[i]!));
  }

  /** Copies staged per-run state into memory once its transaction has committed. */
  private publish(staged: Map<string, StagedRun>): void {
    for (const [runId, s] of staged) {
      const state = this.runs.get(runId) ?? s.base;
      this.runs.set(runId, state);
      state.strings.push(...s.newStrings);
      for (const seq of s.newSeqs) state.committed.add(seq);
      if (s.ended) {
        state.ended = true;
        this.onRunEnded?.(runId);
      }
      if (s.startedPid !== undefined) this.onRunStarted?.(runId, s.startedPid);
      this.stats.framesCommitted += s.ledger.length;
      this.stats.eventsCommitted += s.events;
    }
  }

  private async apply(item: Pending, staged: Map<string, StagedRun>, events: EventAppender): Promise<FrameOutcome> {
    const { message, source } = item;
    if (message.body === 'hello') return this.applyHello(message.hello!, source, staged);
    const runId = item.runId;
    const stage = await this.stageFor(runId, staged);
    if (!stage) throw new LabtraceError('PROTOCOL_ORDER', `frame for unknown run ${runId}: hello must come first`);
    const seq = frameSeq(message);
    if (stage.base.committed.has(seq) || stage.newSeqs.has(seq)) {
      this.stats.duplicatesSkipped++;
      return { runId, seq, stored: false, resumeSeq: 0 };
    }
    let count = 0;
    if (message.body === 'batch') {
      // The run's strings without copying them for every batch: committed ones, then this group's.
      const { strings } = stage.base;
      const known = { length: strings.length + stage.newStrings.length, at: (i: number) => (i < strings.length ? strings[i] : stage.newStrings[i - strings.length]) };
      const columns = item.events && isEncoded(item.events) ? item.events.decodeInto(this.columns) : item.events;
      const rows = batchToRows(runId, known, message.batch!, columns);
      await writeBatchRows(this.store.connection, runId, rows);
      events.append(stage.base.runKey, rows.events);
      stage.newStrings.push(...rows.newStrings);
      count = rows.events.length;
    } else if (message.body === 'end') {
      await applyRunEnd(this.store.connection, runId, runEnding(message.end!));
      stage.ended = true;
    }
    stage.ledger.push([runId, BigInt(seq), count, source, new Date().toISOString()]);
    stage.events += count;
    stage.newSeqs.add(seq);
    return { runId, seq, stored: true, resumeSeq: 0 };
  }

  /** One batches append and one runs update per group (all its runs at once), not per frame. */
  private async writeLedger(staged: Map<string, StagedRun>): Promise<void> {
    const ledger = [...staged.values()].flatMap((s) => s.ledger);
    const counted = [...staged].filter(([, s]) => s.ledger.length > 0).map(([runId, s]) => [runId, s.events] as const);
    await writeLedger(this.store.connection, ledger, counted);
  }

  private async applyHello(hello: Hello, source: FrameSource, staged: Map<string, StagedRun>): Promise<FrameOutcome> {
    const runId = hello.runId!;
    let stage = await this.stageFor(runId, staged);
    if (!stage) {
      let runKey: number;
      try {
        runKey = await insertRun(this.store.connection, newRun(hello));
      } catch (err) {
        // No runs row is visible (stageFor found none) yet its key is in the index: a failed commit's ghost.
        if (!isDuplicateKeyError(err)) throw err;
        throw new LabtraceError('STORE_UNAVAILABLE', `run ${runId}: its key is in the runs index but no row is visible (a failed commit's leftover)`, undefined, { cause: err });
      }
      stage = { base: { runId, runKey, strings: [''], committed: new Set(), ended: false }, newStrings: [], newSeqs: new Set(), ledger: [], events: 0, ended: false, startedPid: hello.run?.pid ?? 0 };
      staged.set(runId, stage);
      this.log.info('run started', { run_id: runId, script: hello.run?.script, source });
    }
    const resume = contiguousCommitted({ ...stage.base, committed: new Set([...stage.base.committed, ...stage.newSeqs]) });
    return { runId, seq: 0, stored: stage.base.committed.size === 0, resumeSeq: resume };
  }

  /** The run's state for this transaction, loading it from the store if this daemon has not seen it yet. */
  private async stageFor(runId: string, staged: Map<string, StagedRun>): Promise<StagedRun | undefined> {
    const existing = staged.get(runId);
    if (existing) return existing;
    const base = this.runs.get(runId) ?? (await this.loadRun(runId));
    if (!base) return undefined;
    this.runs.set(runId, base);
    const stage: StagedRun = { base, newStrings: [], newSeqs: new Set(), ledger: [], events: 0, ended: false, startedPid: undefined };
    staged.set(runId, stage);
    return stage;
  }

  private async loadRun(runId: string): Promise<RunState | undefined> {
    const stored = await loadRunState(this.store.connection, runId);
    if (!stored) return undefined;
    return {
      runId,
      runKey: stored.runKey,
      strings: ['', ...stored.strings],
      committed: new Set(stored.seqs),
      ended: stored.status !== 'running' && stored.status !== 'lost',
    };
  }

  /** Runs known to this daemon that have not ended. */
  openRuns(): string[] {
    return [...this.runs.values()].filter((r) => !r.ended).map((r) => r.runId);
  }
}

interface StagedRun {
  readonly base: RunState;
  readonly newStrings: string[];
  readonly newSeqs: Set<number>;
  /** batches rows and event count of this group's frames, written once at the end of the group */
  readonly ledger: BatchLedgerRow[];
  events: number;
  ended: boolean;
  startedPid: number | undefined;
}

/** DuckDB's error for a COMMIT that failed (the transaction it leaves behind stays registered). */
function isFailedCommit(err: unknown): boolean {
  return /Failed to commit/i.test(errorMessage(err));
}

function isGhostKey(err: unknown): boolean {
  return err instanceof LabtraceError && err.code === 'STORE_UNAVAILABLE';
}
