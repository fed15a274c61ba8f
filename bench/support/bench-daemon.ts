/**
 * A real daemon process for the TypeScript benchmarks: `labtrace daemon run --port 0` in a home under
 * .labtrace-bench/, and its memory sampled from /proc over the daemon's whole life (MemorySampler).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { DAEMON_NODE_ARGS, daemonEnv } from '../../cli/commands/daemon.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_MAIN = fileURLToPath(new URL('../../cli/main.js', import.meta.url));
export const WORK = join(REPO_ROOT, '.labtrace-bench');

export function workDir(name: string, fresh = true): string {
  mkdirSync(WORK, { recursive: true });
  if (!existsSync(join(WORK, '.gitignore'))) writeFileSync(join(WORK, '.gitignore'), '*\n');
  const dir = join(WORK, name);
  if (fresh) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export class BenchDaemon {
  private constructor(readonly home: string, readonly child: ChildProcess, readonly port: number, readonly token: string) {}

  /** Started as `labtrace daemon start` starts it (its node flags and environment), plus `nodeArgs`. */
  static async start(home: string, nodeArgs: string[] = []): Promise<BenchDaemon> {
    const child = spawn(process.execPath, [...DAEMON_NODE_ARGS, ...nodeArgs, CLI_MAIN, 'daemon', 'run', '--port', '0', '--home', home, '--log-file', join(home, 'daemon.log')], {
      stdio: ['ignore', 'ignore', 'inherit'],
      cwd: home,
      env: daemonEnv(),
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode}`);
      const pid = readNumber(join(home, 'daemon.pid'));
      const port = readNumber(join(home, 'daemon.port'));
      if (pid === child.pid && port) return new BenchDaemon(home, child, port, readFileSync(join(home, 'token'), 'utf8').trim());
      await sleep(50);
    }
    child.kill('SIGKILL');
    throw new Error('daemon did not start');
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** GET /v1/status (the daemon's own counters). */
  async status(): Promise<Record<string, unknown>> {
    const response = await fetch(`http://127.0.0.1:${this.port}/v1/status`, {
      headers: { authorization: `Bearer ${this.token}` },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new Error(`status: HTTP ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  }

  /**
   * Waits until the daemon has correlated `runs` runs since its start and its analysis queue is empty
   * (the correlation of each run after its RunEnd is part of what ingest costs the daemon).
   */
  async correlated(runs: number, timeoutMs = 300_000): Promise<{ correlated: number; timedOut: boolean }> {
    const deadline = Date.now() + timeoutMs;
    let correlated = 0;
    while (Date.now() < deadline) {
      const s = await this.status().catch(() => undefined);
      correlated = Number(s?.runs_correlated_since_start ?? 0) + Number(s?.runs_correlation_failed_since_start ?? 0);
      if (s && correlated >= runs && Number(s.analysis_queued ?? 0) === 0) return { correlated, timedOut: false };
      await sleep(50);
    }
    return { correlated, timedOut: true };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** One phase of a benchmark as the memory sampler saw it. */
export interface PhaseMemory {
  readonly phase: string;
  readonly seconds: number;
  readonly samples: number;
  readonly rss_max_bytes: number;
  readonly rss_anon_max_bytes: number;
  readonly rss_last_bytes: number;
}

export interface MemoryReport {
  /** How RSS was read: /proc/PID/status VmRSS (and RssAnon) every `interval_ms`, from daemon start to stop. */
  readonly sampler: string;
  readonly interval_ms: number;
  readonly samples: number;
  readonly rss_max_bytes: number;
  /** The phase in which the maximum was seen. */
  readonly rss_max_phase: string;
  readonly rss_max_at_s: number;
  readonly phases: PhaseMemory[];
}

/**
 * A daemon's RSS from /proc/PID/status every 50 ms (a timer in this process; no child process per
 * sample, unlike pidusage's ps fallback), labelled by the phase the benchmark says it is in. It runs
 * from the daemon's start until stop(), so what the daemon does after the last acknowledgement
 * (run correlation, checkpoints) is seen too.
 */
export class MemorySampler {
  private readonly phases: { phase: string; start: number; end: number; n: number; max: number; anonMax: number; last: number }[] = [];
  private readonly t0 = performance.now();
  private max = 0;
  private maxPhase = '';
  private maxAt = 0;
  private n = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(readonly pid: number, firstPhase: string, readonly intervalMs = 50) {
    this.mark(firstPhase);
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** From now on samples belong to `phase`. */
  mark(phase: string): void {
    const now = performance.now();
    const current = this.phases.at(-1);
    if (current) current.end = now;
    this.sample();
    this.phases.push({ phase, start: now, end: now, n: 0, max: 0, anonMax: 0, last: 0 });
  }

  /** The largest RSS seen so far in the current phase. */
  get currentMax(): number {
    return this.phases.at(-1)?.max ?? 0;
  }

  sample(): void {
    const m = readProcMemory(this.pid);
    const current = this.phases.at(-1);
    if (!m || !current) return;
    this.n++;
    current.n++;
    current.last = m.rss;
    current.max = Math.max(current.max, m.rss);
    current.anonMax = Math.max(current.anonMax, m.anon);
    if (m.rss > this.max) {
      this.max = m.rss;
      this.maxPhase = current.phase;
      this.maxAt = (performance.now() - this.t0) / 1000;
    }
  }

  stop(): MemoryReport {
    clearInterval(this.timer);
    this.sample();
    const current = this.phases.at(-1);
    if (current) current.end = performance.now();
    // A phase may repeat (marked twice): merged under its name, in order of first appearance.
    const merged = new Map<string, PhaseMemory>();
    for (const p of this.phases) {
      const before = merged.get(p.phase);
      merged.set(p.phase, {
        phase: p.phase,
        seconds: (before?.seconds ?? 0) + (p.end - p.start) / 1000,
        samples: (before?.samples ?? 0) + p.n,
        rss_max_bytes: Math.max(before?.rss_max_bytes ?? 0, p.max),
        rss_anon_max_bytes: Math.max(before?.rss_anon_max_bytes ?? 0, p.anonMax),
        rss_last_bytes: p.n > 0 ? p.last : (before?.rss_last_bytes ?? 0),
      });
    }
    return {
      sampler: 'proc-status',
      interval_ms: this.intervalMs,
      samples: this.n,
      rss_max_bytes: this.max,
      rss_max_phase: this.maxPhase,
      rss_max_at_s: this.maxAt,
      phases: [...merged.values()],
    };
  }
}

/** VmRSS and RssAnon of a live process, in bytes (undefined once it is gone). */
export function readProcMemory(pid: number): { rss: number; anon: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  const rss = kb('VmRSS');
  return rss > 0 ? { rss, anon: kb('RssAnon') } : undefined;
}

export function formatPhases(report: MemoryReport): string {
  const mb = (n: number): string => (n / 2 ** 20).toFixed(0);
  return report.phases.map((p) => `${p.phase} ${mb(p.rss_max_bytes)} (end ${mb(p.rss_last_bytes)})`).join(', ') + ` MB max (${report.samples} samples every ${report.interval_ms} ms)`;
}

function readNumber(path: string): number | undefined {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isFinite(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

export function hasFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const k = (s.length - 1) * p;
  const lo = Math.floor(k);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (s[hi]! - s[lo]!) * (k - lo);
}
