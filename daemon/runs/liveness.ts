/**
 * A run whose agent died without saying goodbye (SIGKILL, a crash, power loss) is closed once nothing
 * more can arrive for it: no open connection, no spool file left for it, and its process gone. It is
 * marked `lost` with what the daemon knows: the end time is its last frame (exit code unknown). A
 * RunEnd that still arrives later (a spool file, a queued frame) overwrites all of it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { errorMessage } from '../../common/errors.js';
import { isProcessAlive } from '../../common/home.js';
import type { Logger } from '../log.js';
import { parseSpoolName } from '../spool/spool-files.js';

/** How long after its last frame a silent run may be judged, and how often runs are checked. */
export const LIVENESS_GRACE_MS = 3000;
export const LIVENESS_INTERVAL_MS = 2000;

export class LivenessMonitor {
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<string[]> | undefined;
  private readonly host = hostname();

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly spoolDir: string,
    private readonly connectedRuns: () => Set<string>,
    private readonly log: Logger,
    private readonly graceMs = LIVENESS_GRACE_MS,
  ) {}

  start(intervalMs = LIVENESS_INTERVAL_MS): void {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The runs marked lost by this check (a check already under way is joined, not repeated). */
  check(): Promise<string[]> {
    this.checking ??= this.checkOnce().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkOnce(): Promise<string[]> {
    try {
      const reader = await this.connection.runAndReadAll(
        `SELECT run_id, pid, hostname, epoch_ms(started_at) FROM runs
         WHERE status = 'running' AND last_activity < now() - to_milliseconds(${Math.round(this.graceMs)})`,
      );
      const candidates = reader.getRows().map((r) => ({ runId: String(r[0]), pid: Number(r[1]), host: String(r[2] ?? ''), startedMs: r[3] === null ? undefined : Number(r[3]) }));
      if (candidates.length === 0) return [];
      const connected = this.connectedRuns();
      const spooled = new Set((await readdir(this.spoolDir).catch(() => [] as string[])).map((f) => parseSpoolName(f)?.runId));
      const lost = candidates.filter((c) => !connected.has(c.runId) && !spooled.has(c.runId) && !(c.host === this.host && runProcessAlive(c.pid, c.startedMs)));
      for (const run of lost) {
        await this.connection.run(
          `UPDATE runs SET status = 'lost', end_reason = 'agent vanished without run end', ended_at = coalesce(last_activity, started_at)
           WHERE run_id = $1 AND status = 'running'`,
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

const HAVE_PROC = existsSync('/proc/self/stat');
/** USER_HZ: the unit of /proc/PID/stat's start time on every Linux architecture Node runs on. */
const CLOCK_TICKS = 100;
let bootMs: number | undefined;

/**
 * Is the run's process still there? Not when the pid is free, a zombie (killed, its parent has not
 * reaped it yet), or taken by a process that started after the run did (pid reuse).
 */
export function runProcessAlive(pid: number, runStartedMs: number | undefined): boolean {
  if (!(pid > 0)) return false;
  if (!HAVE_PROC) return isProcessAlive(pid);
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  // fields after "(comm)": state is the 3rd field of the line, starttime the 22nd
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return false;
  const boot = bootTimeMs();
  const startTicks = Number(fields[19]);
  if (runStartedMs === undefined || boot === undefined || !Number.isFinite(startTicks)) return true;
  // the run starts after its process (the agent loads at interpreter start); 2 s of slack for the
  // whole-second boot time and clock adjustments
  return boot + (startTicks * 1000) / CLOCK_TICKS <= runStartedMs + 2000;
}

function bootTimeMs(): number | undefined {
  if (bootMs === undefined) {
    try {
      const m = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
      if (m) bootMs = Number(m[1]) * 1000;
    } catch {
      /* not Linux */
    }
  }
  return bootMs;
}
