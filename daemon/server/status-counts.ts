/**
 * The run and event counts of `labtrace daemon status`, on a connection of their own, never waited
 * for long: when the count takes more than `waitMs` (DuckDB busy with a big query), status answers
 * with the last counts it has (`counts_age_s` says how old) and the count finishes in the background.
 * Before this, status counted on the user-query connection and waited behind any long query, so the
 * CLI's probe timed out and said the daemon was not running.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { errorMessage } from '../../common/errors.js';
import { runQuery } from '../store/store.js';

export interface Counts {
  readonly runs: number;
  readonly running_runs: number;
  readonly events: number;
  /** Seconds since these counts were taken (0 = now); null = never counted yet. */
  readonly counts_age_s: number | null;
  readonly counts_error?: string;
}

export class StatusCounts {
  private last: { runs: number; running: number; events: number; at: number } | undefined;
  private pending: Promise<void> | undefined;
  private lastError: string | undefined;

  constructor(private readonly connection: DuckDBConnection, private readonly waitMs = 300) {}

  async read(): Promise<Counts> {
    this.pending ??= this.count().finally(() => (this.pending = undefined));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.pending, new Promise<void>((r) => (timer = setTimeout(r, this.waitMs)))]);
    clearTimeout(timer);
    const last = this.last;
    const counts: Counts = {
      runs: last?.runs ?? 0,
      running_runs: last?.running ?? 0,
      events: last?.events ?? 0,
      counts_age_s: last ? Math.round((Date.now() - last.at) / 100) / 10 : null,
    };
    return this.lastError ? { ...counts, counts_error: this.lastError } : counts;
  }

  private async count(): Promise<void> {
    try {
      const result = await runQuery(this.connection, `SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM runs WHERE status = 'running'), (SELECT count(*) FROM event_log)`);
      const [runs, running, events] = (result.rows[0] ?? []).map(Number) as [number, number, number];
      this.last = { runs, running, events, at: Date.now() };
      this.lastError = undefined;
    } catch (err) {
      this.lastError = errorMessage(err);
    }
  }

  /** Waits for a count still running (before its connection is closed). */
  async idle(): Promise<void> {
    await this.pending;
  }
}
