/** labtrace daemon start|stop|status|run */
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LabtraceError } from '../../common/errors.js';
import { ensureHome, isProcessAlive, readNumberFile, DEFAULT_PORT, type HomePaths } from '../../common/home.js';
import { createLogger } from '../../daemon/log.js';
import { startDaemon } from '../../daemon/daemon.js';
import { runCorrelator } from '../../analytics/correlate/run-correlator.js';
import { DaemonClient } from '../daemon-client.js';

const MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

/**
 * The daemon's DuckDB memory: a cap on its buffer pool (cached table blocks; operators spill to
 * <store>.tmp beyond it) and jemalloc (DuckDB's allocator) returning freed pages to the system at
 * once instead of after DuckDB's 1 s decay, which only runs while DuckDB allocates again (so an idle
 * daemon kept the pages of its last commit or query). Both can be overridden from the environment:
 * LABTRACE_DAEMON_MEMORY_LIMIT, and DUCKDB_JE_MALLOC_CONF (jemalloc reads it when DuckDB first
 * allocates, in Store.open: set here, before that).
 */
// 48 MB (64 before 2026-12-07): the pool sat at its limit at the ingest and correlation peaks; a commit
// group pins ~18 MB of it (docs/performance.md). At 32 MB commits failed under the e2e tests' load.
export const DAEMON_MEMORY_LIMIT = '48MB';
/** memory_limit for a moment once the daemon is idle after work, to evict DuckDB's cached blocks (LABTRACE_DAEMON_IDLE_MEMORY_LIMIT; 'off' disables). */
export const DAEMON_IDLE_MEMORY_LIMIT = '8MB';
/** The idle release also runs during a long ingest, every this many events (LABTRACE_DAEMON_RELEASE_EVERY_EVENTS; 0 disables). */
// Off by default: measured ~5-15 MB lower ingest peak for ~+30% daemon CPU per event (docs/performance.md).
export const DAEMON_RELEASE_EVERY_EVENTS = 0;
const DAEMON_JEMALLOC_CONF = 'dirty_decay_ms:0,muzzy_decay_ms:0';

/**
 * The daemon's process: node flags and environment, the same for `daemon start` and the benchmarks'
 * daemons (bench/support/bench-daemon.ts). A young generation of 1 MB semi-spaces (V8's default grows
 * to 16 MB) collects the socket reads and frames the daemon is done with ~16x sooner, and malloc
 * serves 32 KB and larger blocks (those buffers, ~77 KB a batch frame) from their own mappings,
 * unmapped when freed, instead of a heap that kept ~40 MB after a busy ingest. Variables already set
 * in the environment win.
 */
export const DAEMON_NODE_ARGS: readonly string[] = ['--max-semi-space-size=1'];

export function daemonEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { MALLOC_MMAP_THRESHOLD_: '32768', ...env, LABTRACE_DISABLE: '1' };
}

export async function daemonRun(home: HomePaths, port: number, logFile: string | undefined): Promise<void> {
  const log = createLogger({ file: logFile });
  process.env.DUCKDB_JE_MALLOC_CONF ??= DAEMON_JEMALLOC_CONF;
  const memoryLimit = process.env.LABTRACE_DAEMON_MEMORY_LIMIT || DAEMON_MEMORY_LIMIT;
  const idle = process.env.LABTRACE_DAEMON_IDLE_MEMORY_LIMIT || DAEMON_IDLE_MEMORY_LIMIT;
  const idleMemoryLimit = idle === 'off' ? undefined : idle;
  const every = process.env.LABTRACE_DAEMON_RELEASE_EVERY_EVENTS;
  const releaseEveryEvents = every ? Number(every) || 0 : DAEMON_RELEASE_EVERY_EVENTS;
  const maxQueued = Number(process.env.LABTRACE_DAEMON_MAX_QUEUED_BYTES);
  const maxQueuedBytes = Number.isFinite(maxQueued) && maxQueued > 0 ? maxQueued : undefined;
  const daemon = await startDaemon({ home, port, log, memoryLimit, idleMemoryLimit, releaseEveryEvents, maxQueuedBytes, correlator: runCorrelator });
  const shutdown = (): void => {
    void daemon.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  if (!logFile) process.stderr.write(`labtrace daemon listening on 127.0.0.1:${daemon.port} (home ${home.root})\n`);
}

export async function daemonStart(home: HomePaths, port: number | undefined, out: NodeJS.WritableStream): Promise<void> {
  const running = await DaemonClient.find(home);
  if (running) {
    out.write(`labtrace daemon already running on 127.0.0.1:${running.port}\n`);
    return;
  }
  ensureHome(home);
  const logFd = openSync(home.daemonLog, 'a');
  const args = [...DAEMON_NODE_ARGS, MAIN, 'daemon', 'run', '--port', String(port ?? DEFAULT_PORT), '--log-file', home.daemonLog, '--home', home.root];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', logFd, logFd], env: daemonEnv() });
  closeSync(logFd);
  child.unref();
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? 1));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exited !== null) break;
    const client = await DaemonClient.find(home);
    if (client && readNumberFile(home.pid) === child.pid) {
      out.write(`labtrace daemon started on 127.0.0.1:${client.port} (pid ${child.pid}, home ${home.root})\n`);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new LabtraceError('DAEMON_START_FAILED', `the daemon did not start: ${lastLogError(home)}`, `see ${home.daemonLog}`);
}

export async function daemonStop(home: HomePaths, out: NodeJS.WritableStream): Promise<void> {
  const pid = readNumberFile(home.pid);
  if (pid === undefined || !isProcessAlive(pid)) {
    out.write('labtrace daemon is not running\n');
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && isProcessAlive(pid)) await new Promise((r) => setTimeout(r, 100));
  if (isProcessAlive(pid)) throw new LabtraceError('INTERNAL', `daemon pid ${pid} did not stop within 30 s`, `kill -9 ${pid}`);
  out.write(`labtrace daemon stopped (pid ${pid})\n`);
}

function lastLogError(home: HomePaths): string {
  try {
    const lines = readFileSync(home.daemonLog, 'utf8').trim().split('\n').reverse();
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { level?: string; msg?: string; error?: string };
        if (entry.level === 'error') return `${entry.msg}: ${entry.error ?? ''}`;
      } catch {
        return line;
      }
    }
  } catch {
    /* no log */
  }
  return 'no error logged';
}
