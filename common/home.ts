/** Where the daemon and the agent meet: $LABTRACE_HOME and the files in it (see docs/architecture.md). */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync, chmodSync, existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { LabtraceError } from './errors.js';

export const DEFAULT_PORT = 7878;

export interface HomePaths {
  readonly root: string;
  /** Where root came from, for messages: `LABTRACE_HOME`, `--home`, or the default. */
  readonly origin?: string;
  readonly token: string;
  readonly port: string;
  readonly pid: string;
  readonly daemonLog: string;
  readonly agentLog: string;
  readonly database: string;
  readonly spool: string;
  /** `git status` output of runs that ended first (not watched: the agent writes it at start-up). */
  readonly gitStatus: string;
}

export function resolveHome(explicit?: string): HomePaths {
  const fromEnv = process.env.LABTRACE_HOME || undefined;
  const root = resolve(explicit ?? fromEnv ?? join(homedir(), '.labtrace'));
  return {
    root,
    origin: explicit !== undefined ? '--home' : fromEnv !== undefined ? 'LABTRACE_HOME' : 'the labtrace home',
    token: join(root, 'token'),
    port: join(root, 'daemon.port'),
    pid: join(root, 'daemon.pid'),
    daemonLog: join(root, 'daemon.log'),
    agentLog: join(root, 'agent.log'),
    database: join(root, 'traces.duckdb'),
    spool: join(root, 'spool'),
    gitStatus: join(root, 'gitstatus'),
  };
}

/**
 * Creates the home and its spool directory, or throws BAD_HOME naming the home and the reason. The
 * directories are made one level at a time: Node's `mkdirSync(..., { recursive: true })` loops forever
 * at 100% CPU where mkdir answers ENOENT under an existing parent (/proc/x).
 */
export function ensureHome(home: HomePaths): void {
  try {
    makeDirs(home.root);
    makeDirs(home.spool);
    for (const dir of [home.root, home.spool]) accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw badHome(home, err);
  }
}

function makeDirs(path: string): void {
  const missing: string[] = [];
  for (let dir = path; ; dir = dirname(dir)) {
    let isDir: boolean;
    try {
      isDir = statSync(dir).isDirectory();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      missing.push(dir);
      if (dirname(dir) === dir) break;
      continue;
    }
    if (!isDir) throw Object.assign(new Error(`${dir} is not a directory`), { code: dir === path ? 'EEXIST' : 'ENOTDIR', path: dir });
    break;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(dir).isDirectory()) throw err;
    }
  }
}

const REASONS: Readonly<Record<string, string>> = {
  EEXIST: 'it is a file, not a directory',
  ENOTDIR: 'a part of the path is a file, not a directory',
  ENOENT: 'no directory can be created there',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'the path is too long',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ELOOP: 'too many symbolic links',
};

/** BAD_HOME: one line naming the home, the reason (errno and the path it concerns) and what to do. */
export function badHome(home: HomePaths, err: unknown): LabtraceError {
  const e = err as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const where = typeof e?.path === 'string' && e.path !== home.root ? `, ${e.path}` : '';
  const reason = code ? `${REASONS[code] ?? e.message.split(',')[0]} (${code}${where})` : String(e?.message ?? err);
  const fix = home.origin === '--home' ? 'pass --home a writable directory' : 'set LABTRACE_HOME to a writable directory';
  return new LabtraceError('BAD_HOME', `cannot use ${home.origin ?? 'the labtrace home'} ${home.root}: ${reason}; ${fix}`, undefined, { cause: err });
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
