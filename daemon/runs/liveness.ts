/**
 * A run whose agent died without saying goodbye (SIGKILL, power loss) is marked `lost` once nothing
 * more can arrive for it: no open connection, its process gone, and no spool file left for it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { errorMessage } from '../errors.js';
import { isProcessAlive } from '../home.js';
import type { Logger } from '../log.js';
import { parseSpoolName } from '../spool/spool-files.js';

export class LivenessMonitor {
  private timer: NodeJS.Timeout | undefined;
  private readonly host = hostname();

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly spoolDir: string,
    private readonly connectedRuns: () => Set<string>,
    private readonly log: Logger,
    private readonly graceMs = 5000,
  ) {}

  start(intervalMs = 3000): void {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async check(): Promise<string[]> {
    try {
      const reader = await this.connection.runAndReadAll(
        `SELECT run_id, pid, hostname FROM runs WHERE status = 'running' AND last_activity < now() - to_milliseconds(${Math.round(this.graceMs)})`,
      );
      const candidates = reader.getRows().map((r) => ({ runId: String(r[0]), pid: Number(r[1]), host: String(r[2] ?? '') }));
      if (candidates.length === 0) return [];
      const connected = this.connectedRuns();
      const spooled = new Set((await readdir(this.spoolDir).catch(() => [] as string[])).map((f) => parseSpoolName(f)?.runId));
      const lost = candidates.filter((c) => !connected.has(c.runId) && !spooled.has(c.runId) && !(c.host === this.host && isProcessAlive(c.pid)));
      for (const run of lost) {
        await this.connection.run(
          `UPDATE runs SET status = 'lost', end_reason = 'agent vanished without run end' WHERE run_id = $1 AND status = 'running'`,
          [run.runId],
        );
        this.log.warn('run marked lost', { run_id: run.runId, pid: run.pid });
      }
      return lost.map((r) => r.runId);
    } catch (err) {
      this.log.warn('liveness check failed', { error: errorMessage(err) });
      return [];
    }
  }
}
