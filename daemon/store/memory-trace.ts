/**
 * A debugging aid: with LABTRACE_DEBUG_MEMORY_MS=N the daemon logs, every N ms, where its memory is
 * (process.memoryUsage, /proc/self/status RssAnon/RssFile, DuckDB's duckdb_memory() by tag, and the
 * ingest queue), one 'memory' log line each, to break an RSS peak down. Off unless the variable is set.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { errorMessage } from '../../common/errors.js';
import type { Logger } from '../log.js';

export interface MemoryTraceSources {
  /** A connection of the store's own (duckdb_memory() is read through it). */
  readonly connection: () => DuckDBConnection;
  /** Extra figures of the caller's (the ingest queue, for example). */
  readonly extra: () => Record<string, number>;
}

export class MemoryTrace {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(private readonly intervalMs: number, private readonly sources: MemoryTraceSources, private readonly log: Logger) {}

  /** The interval LABTRACE_DEBUG_MEMORY_MS asks for, or undefined (off). */
  static intervalFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
    const ms = Number(env.LABTRACE_DEBUG_MEMORY_MS);
    return Number.isFinite(ms) && ms > 0 ? Math.max(10, ms) : undefined;
  }

  start(): void {
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const mb = (n: number): number => Math.round(n / 2 ** 17) / 8;
    try {
      const m = process.memoryUsage();
      const fields: Record<string, unknown> = {
        rss_mb: mb(m.rss), ...procStatus(), heap_used_mb: mb(m.heapUsed), heap_total_mb: mb(m.heapTotal),
        external_mb: mb(m.external), array_buffers_mb: mb(m.arrayBuffers), ...this.sources.extra(),
      };
      try {
        const reader = await this.sources.connection().runAndReadAll(
          `SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0`);
        for (const [tag, bytes] of reader.getRows()) fields[`duckdb_${String(tag).toLowerCase()}_mb`] = mb(Number(bytes));
      } catch (err) {
        fields.duckdb_error = errorMessage(err);
      }
      this.log.info('memory', fields);
    } finally {
      this.busy = false;
    }
  }
}

function procStatus(): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    for (const line of readFileSync('/proc/self/status', 'utf8').split('\n')) {
      const m = /^(RssAnon|RssFile):\s+(\d+) kB/.exec(line);
      if (m) out[`${m[1]!.toLowerCase()}_mb`] = Math.round(Number(m[2]) / 128) / 8;
    }
  } catch {
    /* not Linux */
  }
  return out;
}
