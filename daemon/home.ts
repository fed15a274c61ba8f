/** Where the daemon and the agent meet: $LABTRACE_HOME and the files in it (see docs/architecture.md). */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, chmodSync, existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DEFAULT_PORT = 7878;

export interface HomePaths {
  readonly root: string;
  readonly token: string;
  readonly port: string;
  readonly pid: string;
  readonly daemonLog: string;
  readonly agentLog: string;
  readonly database: string;
  readonly spool: string;
  /** `git status` output of runs that ended first (not watched: the agent writes it at start-up). */
  readonly gitStatus: string;
  readonly code: string;
}

export function resolveHome(explicit?: string): HomePaths {
  const root = resolve(explicit ?? process.env.LABTRACE_HOME ?? join(homedir(), '.labtrace'));
  return {
    root,
    token: join(root, 'token'),
    port: join(root, 'daemon.port'),
    pid: join(root, 'daemon.pid'),
    daemonLog: join(root, 'daemon.log'),
    agentLog: join(root, 'agent.log'),
    database: join(root, 'traces.duckdb'),
    spool: join(root, 'spool'),
    gitStatus: join(root, 'gitstatus'),
    code: join(root, 'code'),
  };
}

export function ensureHome(home: HomePaths): void {
  mkdirSync(home.root, { recursive: true, mode: 0o700 });
  mkdirSync(home.spool, { recursive: true, mode: 0o700 });
}

/** The token file is created once with mode 0600 and reused, so running agents keep working across restarts. */
export function ensureToken(home: HomePaths): string {
  if (existsSync(home.token)) {
    const existing = readFileSync(home.token, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(existing)) {
      if ((statSync(home.token).mode & 0o077) !== 0) chmodSync(home.token, 0o600);
      return existing;
    }
  }
  const token = randomBytes(32).toString('hex');
  writeFileSync(home.token, token + '\n', { mode: 0o600 });
  chmodSync(home.token, 0o600);
  return token;
}

export function readToken(home: HomePaths): string | undefined {
  try {
    return readFileSync(home.token, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function readNumberFile(path: string): number | undefined {
  try {
    const n = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
