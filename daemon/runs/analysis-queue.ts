/**
 * Correlates runs after their end, one at a time on a connection of its own, so ingest never waits
 * for tree-sitter. Runs that ended while no daemon was up are picked up at start.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { errorMessage } from '../../common/errors.js';
import type { Logger } from '../log.js';

/**
 * What the queue needs of the correlation. analytics/correlate implements it; the daemon is handed a
 * factory (by the CLI that starts it), so the daemon never imports the analytics above it.
 */
export interface RunCorrelator {
  /** Creates the correlation tables (before the first agent connects: no catalog change competes with ingest). */
  ensureSchema(): Promise<void>;
  /** Runs that ended but were never correlated, oldest first. */
  uncorrelatedRuns(): Promise<string[]>;
  analyzeRun(runId: string): Promise<{ files: number; intervals: number }>;
}

/** A correlator working on the connection it is given (the queue's own: one transaction at a time). */
export type CorrelatorFactory = (connection: DuckDBConnection) => RunCorrelator;

/** What the queue waits for (the daemon's: a quiet moment of ingest, memory given back when needed). */
export interface AnalysisWaits {
  /** Before each batch: every run queued by the time it resolves is correlated in that batch. */
  readonly beforeBatch?: () => Promise<void>;
  /** Before each run's correlation. */
  readonly beforeEach?: () => Promise<void>;
  /**
   * A correlation failed: true (after giving memory back, say) to try it once more. DuckDB's memory
   * limit can be reached when a burst of runs left blocks in the pool (its "Out of Memory Error"): the
   * run would otherwise stay without its phases until the daemon restarts.
   */
  readonly retryAfter?: (err: unknown) => Promise<boolean>;
}

export class AnalysisQueue {
  private readonly pending: string[] = [];
  /** Runs of the batch under way, not yet correlated. */
  private batch: string[] = [];
  private running: Promise<void> | undefined;
  private current: string | undefined;
  /** The last correlation started: the queue and analyzeNow share one connection, one transaction at a time. */
  private tail: Promise<unknown> = Promise.resolve();
  private active = 0;
  analyzed = 0;
  failed = 0;

  constructor(
    private readonly analyzer: RunCorrelator,
    private readonly log: Logger,
    private readonly waits: AnalysisWaits = {},
  ) {}

  enqueue(runId: string): void {
    if (!this.pending.includes(runId) && !this.batch.includes(runId)) this.pending.push(runId);
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  ensureSchema(): Promise<void> {
    return this.analyzer.ensureSchema();
  }

  /** Runs that have ended but were never correlated (ingested by `labtrace ingest`, or the daemon stopped first). */
  async catchUp(): Promise<void> {
    await this.analyzer.ensureSchema();
    for (const runId of await this.analyzer.uncorrelatedRuns()) this.enqueue(runId);
  }

  /** Correlates one run now (the CLI asks for this when a record lacks its analysis). */
  async analyzeNow(runId: string): Promise<{ files: number; intervals: number }> {
    await this.idle();
    return this.exclusive(() => this.analyzer.analyzeRun(runId));
  }

  /** Runs `work` between two correlations: none runs meanwhile (the daemon's idle memory release). */
  between<T>(work: () => Promise<T>): Promise<T> {
    return this.exclusive(work);
  }

  /** Runs fn after every correlation started before it (a run ending meanwhile must not open a second transaction). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.active++;
    const result = this.tail.then(fn, fn).finally(() => this.active--);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** True while a correlation (or work run between two) runs or waits for the connection. */
  get busy(): boolean {
    return this.active > 0;
  }

  /** Runs waiting for their correlation, the one being correlated included. */
  get queued(): number {
    return this.pending.length + this.batch.length + (this.current ? 1 : 0);
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Batches: one wait (beforeBatch) for every run queued by its end, so a burst of short runs is
   * correlated together, not each in the middle of the next runs' ingest.
   */
  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      await this.waits.beforeBatch?.();
      this.batch = this.pending.splice(0);
      for (let runId = this.batch.shift(); runId !== undefined; runId = this.batch.shift()) await this.correlate(runId);
    }
  }

  private async correlate(runId: string): Promise<void> {
    await this.waits.beforeEach?.();
    const started = performance.now();
    this.current = runId;
    try {
      const analyze = (): Promise<{ files: number; intervals: number }> => this.exclusive(() => this.analyzer.analyzeRun(runId));
      let result: { files: number; intervals: number };
      try {
        result = await analyze();
      } catch (err) {
        if (!(await this.waits.retryAfter?.(err).catch(() => false))) throw err;
        this.log.info('run correlation retried', { run_id: runId, error: errorMessage(err) });
        result = await analyze();
      }
      this.analyzed++;
      this.log.info('run correlated', { run_id: runId, ...result, ms: Math.round(performance.now() - started) });
    } catch (err) {
      this.failed++;
      // a failure here is a bug of ours (the run's bytes were validated at ingest): keep the stack
      this.log.warn('run correlation failed', { run_id: runId, error: errorMessage(err), stack: err instanceof Error ? err.stack : undefined });
    } finally {
      this.current = undefined;
    }
  }
}
