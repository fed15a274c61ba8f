/**
 * Gives memory back once the daemon is idle again after work: an ingest, a run's correlation or a user
 * query leave DuckDB's buffer pool full of cached blocks (up to its memory_limit) that an idle daemon
 * does not need. Polls (no hooks into the work itself): when the activity counters moved since the
 * last release and the daemon has been idle for `quietMs`, it runs `release` once.
 */
import { errorMessage } from '../../common/errors.js';
import type { Logger } from '../log.js';

/**
 * A release before a run's correlation (daemon.ts) runs only when it is needed: after a large ingest
 * since the last release, or when DuckDB's buffer pool is at least half full (rows appended after a
 * CHECKPOINT take a fresh 256 KB block per column of every table written: ~35 MB of a 48 MB pool for
 * a no-op run, and a correlation on top of that ran out of memory). Otherwise it costs more than it
 * gives back: its CHECKPOINT rewrites the last row group of every table written since (~50-100 ms of
 * CPU after a tiny run, on the cores of the user's programs), and the next commit and correlation start
 * cold (a no-op run's ingest ~17 -> ~55 ms of CPU, its correlation ~18 -> ~45 ms; docs/performance.md).
 */
export const RELEASE_BEFORE_CORRELATION_EVENTS = 65_536;

export function releaseBeforeCorrelation(eventsSinceRelease: number, pool: { usedBytes: number; limitBytes: number }): boolean {
  return eventsSinceRelease >= RELEASE_BEFORE_CORRELATION_EVENTS || pool.usedBytes >= pool.limitBytes / 2;
}

export interface IdleProbe {
  /** Changes whenever work that uses memory was done (counters of commit groups, correlations). */
  readonly activity: string;
  /** No such work runs or waits, and none has for a while. */
  readonly idle: boolean;
}

export class IdleMemoryRelease {
  private timer: NodeJS.Timeout | undefined;
  private releasedAt: string;
  private running: Promise<void> | undefined;
  /** Work run through around(): running now, and done since the start. */
  private busy = 0;
  private done = 0;
  releases = 0;

  /** `release` runs while nothing else uses the store (the caller's part: see daemon.ts). */
  constructor(
    private readonly probe: () => IdleProbe,
    private readonly release: () => Promise<unknown>,
    private readonly log: Logger,
  ) {
    // A fresh daemon has nothing to give back: the first release waits for the first work.
    this.releasedAt = this.activity();
  }

  start(intervalMs = 250): void {
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  /**
   * Runs `work` (a user query, for example) never during a release (it would run under the release's
   * low memory_limit), and counts it as activity: a release follows once it is done and all is idle.
   */
  async around<T>(work: () => Promise<T>): Promise<T> {
    while (this.running) await this.running;
    this.busy++; // in the same turn as the check above: tick() sees it before it could start a release
    try {
      return await work();
    } finally {
      this.busy--;
      this.done++;
    }
  }

  /**
   * Runs `work` once no work run through around() is in progress, and holds new such work (and any
   * release) until it is done: the daemon reopens the store this way.
   */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    for (;;) {
      while (this.running) await this.running;
      if (this.busy === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const run = work();
    this.running = run.then(
      () => undefined,
      () => undefined,
    ).finally(() => {
      this.running = undefined;
    });
    return run;
  }

  /** One check: releases if work was done since the last release and the daemon is idle now. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    if (this.busy > 0) return Promise.resolve();
    const activity = this.activity();
    if (!this.probe().idle || activity === this.releasedAt) return Promise.resolve();
    return this.run(activity, this.release);
  }

  /**
   * Releases now without waiting for idle (during a long ingest between two commit groups, before a
   * correlation), with `release` in place of the idle one (the caller already holds what it needs):
   * unless work run through around() is in progress or a release is running. Resolves to whether it ran.
   */
  async now(release: () => Promise<unknown>): Promise<boolean> {
    if (this.running || this.busy > 0) return false;
    await this.run(this.activity(), release);
    return true;
  }

  private run(activity: string, release: () => Promise<unknown>): Promise<void> {
    this.running = (async () => {
      const before = process.memoryUsage().rss;
      const started = performance.now();
      try {
        await release();
        this.releasedAt = activity;
        this.releases++;
        this.log.debug('memory released', { rss_before: before, rss_after: process.memoryUsage().rss, ms: Math.round(performance.now() - started) });
      } catch (err) {
        this.releasedAt = activity; // not again for the same work: the next work tries again
        this.log.warn('memory release failed', { error: errorMessage(err) });
      }
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private activity(): string {
    return `${this.probe().activity}/${this.done}`;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
