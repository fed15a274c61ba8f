/**
 * A real daemon process on a free port with its own temporary LABTRACE_HOME, plus helpers to run
 * traced Python and read the DuckDB file back through the CLI's query path.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { after, before } from 'node:test';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveHome, readNumberFile, type HomePaths } from '../../common/home.js';
import { fileURLToPath } from 'node:url';
import { AGENT_DIR, CLI_MAIN, REPO_ROOT } from './paths.js';
import { assertTimesAddUp } from './times-add-up.js';

export class TempHome {
  readonly paths: HomePaths;
  constructor(prefix = 'labtrace-test-') {
    const base = join(REPO_ROOT, '.labtrace-test');
    spawnSync('mkdir', ['-p', base]);
    this.paths = resolveHome(mkdtempSync(join(base, prefix)));
  }
  get root(): string {
    return this.paths.root;
  }
  remove(): void {
    rmSync(this.paths.root, { recursive: true, force: true });
  }
}

export class DaemonProcess {
  private constructor(readonly home: TempHome, readonly child: ChildProcess, readonly port: number) {}

  /** Starts `labtrace daemon run --port 0` (with `env` added to the environment) and waits until it listens. */
  static async start(home: TempHome = new TempHome(), env: Record<string, string> = {}): Promise<DaemonProcess> {
    const child = spawn(process.execPath, [CLI_MAIN, 'daemon', 'run', '--port', '0', '--home', home.root, '--log-file', home.paths.daemonLog], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env, LABTRACE_DISABLE: '1' },
    });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode}: ${safeRead(home.paths.daemonLog)}`);
      const pid = readNumberFile(home.paths.pid);
      const port = readNumberFile(home.paths.port);
      if (pid === child.pid && port) return new DaemonProcess(home, child, port);
      await sleep(50);
    }
    child.kill('SIGKILL');
    throw new Error(`daemon did not start: ${safeRead(home.paths.daemonLog)}`);
  }

  get token(): string {
    return readFileSync(this.home.paths.token, 'utf8').trim();
  }

  /**
   * Graceful stop (SIGTERM), waiting for the process to exit. First, every run the test left is checked:
   * once correlated, its phase and statement times add up to at most its wall time (times-add-up.ts).
   */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    let check: unknown;
    await assertTimesAddUp((query) => sql(this.home, query)).catch((err: unknown) => (check = err));
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
    if (check) throw check;
  }

  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await exited;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(home: TempHome, args: string[]): CliResult {
  const r = spawnSync(process.execPath, [CLI_MAIN, '--home', home.root, ...args], { encoding: 'utf8', env: { ...process.env, LABTRACE_DISABLE: '1' }, timeout: 120_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const QUERY_ONCE = fileURLToPath(new URL('./query-once.js', import.meta.url));

/**
 * Runs SQL and returns rows as objects: through the running daemon's API (a small process, so tests
 * stay synchronous), else through the CLI, which opens the file read-only.
 */
export function sql<T = Record<string, unknown>>(home: TempHome, query: string): T[] {
  const port = readNumberFile(home.paths.port);
  const token = existsSync(home.paths.token) ? readFileSync(home.paths.token, 'utf8').trim() : '';
  if (port && token) {
    const r = spawnSync(process.execPath, [QUERY_ONCE, String(port), token, query], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return JSON.parse(r.stdout) as T[];
    if (!/fetch failed|ECONNREFUSED/.test(r.stderr)) throw new Error(`query failed: ${r.stderr}\n${query}`);
  }
  const r = runCli(home, ['query', query, '--format', 'json']);
  if (r.status !== 0) throw new Error(`query failed (${r.status}): ${r.stderr}\n${query}`);
  return JSON.parse(r.stdout) as T[];
}

export interface TracedRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a traced Python process pointed at `home` (untraced: without the agent on PYTHONPATH). */
export function tracedEnv(home: TempHome, options: { env?: Record<string, string>; traced?: boolean } = {}): Record<string, string> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), LABTRACE_HOME: home.root, ...options.env };
  delete env.LABTRACE_DISABLE;
  delete env.LABTRACE_PARENT_RUN_ID;
  if (options.traced !== false) env.PYTHONPATH = AGENT_DIR;
  else delete env.PYTHONPATH;
  return env;
}

/** Runs a Python script with the agent on PYTHONPATH, pointed at `home`. */
export function runTraced(python: string, script: string, home: TempHome, options: { args?: string[]; env?: Record<string, string>; cwd?: string; traced?: boolean } = {}): TracedRun {
  const env = tracedEnv(home, options);
  const r = spawnSync(python, [script, ...(options.args ?? [])], { encoding: "utf8", env, cwd: options.cwd, timeout: 120_000, killSignal: "SIGKILL" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000, diagnose?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${diagnose ? `\n${diagnose()}` : ''}`);
    await sleep(100);
  }
}

function safeRead(path: string, tail = 2000): string {
  return existsSync(path) ? readFileSync(path, 'utf8').slice(-tail) : '(no log)';
}

/** What a failed wait should show: the runs, the frame ledger and the end of the daemon's log. */
export function storeDiagnosis(home: TempHome): string {
  const safe = (f: () => unknown): string => {
    try {
      return JSON.stringify(f());
    } catch (err) {
      return String(err);
    }
  };
  return [
    `runs: ${safe(() => sql(home, 'SELECT run_id, parent_run_id, script, status, events_ingested FROM runs'))}`,
    `batches: ${safe(() => sql(home, 'SELECT run_id, source, count(*) AS n FROM batches GROUP BY ALL'))}`,
    `daemon log: ${safeRead(home.paths.daemonLog).slice(-1500)}`,
    `agent log: ${safeRead(home.paths.agentLog).slice(-800)}`,
  ].join('\n');
}

/** One real daemon for the tests of a file: started before them, stopped (and its home removed) after. */
export function useDaemon(receive: (daemon: DaemonProcess) => void, env: Record<string, string> = {}): void {
  let daemon: DaemonProcess | undefined;
  before(async () => {
    daemon = await DaemonProcess.start(undefined, env);
    receive(daemon);
  });
  after(async () => {
    await daemon?.stop();
    // A run the daemon could not correlate is a bug of ours whichever test made it (bad input is
    // refused at ingest, with its own error): fail the file that left one.
    const failures = daemon ? safeRead(daemon.home.paths.daemonLog, Infinity).split('\n').filter((l) => l.includes('"run correlation failed"')) : [];
    daemon?.home.remove();
    assert.deepEqual(failures, [], 'the daemon failed to correlate runs');
  });
}
