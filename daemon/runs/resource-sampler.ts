/** Samples CPU and RSS of traced processes (pidusage) so a run's record says what it used. */
import type { DuckDBConnection } from '@duckdb/node-api';
import pidusage from 'pidusage';
import { errorMessage } from '../../common/errors.js';
import type { Logger } from '../log.js';

export class ResourceSampler {
  private readonly pids = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(private readonly connection: DuckDBConnection, private readonly log: Logger) {}

  track(runId: string, pid: number): void {
    if (pid > 0) this.pids.set(runId, pid);
  }

  untrack(runId: string): void {
    this.pids.delete(runId);
  }

  start(intervalMs = 500): void {
    // pidusage runs `getconf` twice on its first call: fork that now, not during a run's ingest.
    pidusage(process.pid).catch(() => undefined);
    this.timer = setInterval(() => void this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    pidusage.clear();
  }

  private async sample(): Promise<void> {
    if (this.busy || this.pids.size === 0) return;
    this.busy = true;
    try {
      const entries = [...this.pids.entries()];
      const now = new Date().toISOString();
      const rows: (string | number)[][] = [];
      for (const [runId, pid] of entries) {
        try {
          const stat = await pidusage(pid);
          rows.push([runId, now, stat.cpu, Math.round(stat.memory)]);
        } catch {
          this.pids.delete(runId); // process gone
        }
      }
      // One write transaction per tick, not one per run: DuckDB's automatic checkpoint is skipped
      // while another write transaction is open, and ingest's WAL then stays in memory longer.
      if (rows.length > 0) {
        const values = rows.map((_, i) => `($${4 * i + 1}, $${4 * i + 2}::TIMESTAMP, $${4 * i + 3}, $${4 * i + 4})`).join(', ');
        await this.connection.run(`INSERT INTO resource_samples VALUES ${values}`, rows.flat());
      }
    } catch (err) {
      this.log.warn('resource sampling failed', { error: errorMessage(err) });
    } finally {
      this.busy = false;
    }
  }
}
