/**
 * The dirty flag of runs that ended before their `git status` did. The agent starts git (detached)
 * at start-up with its output in $LABTRACE_HOME/gitstatus/RUNID.gitstatus.part, renamed
 * RUNID.gitstatus once git has exited (see python-agent's record/environment.py), and reads it itself
 * when git is done in time; a short run leaves the file and says `dirty_pending`, so it never waits
 * for git at exit. Once git is done and the run's environment is stored, the file decides
 * `run_context.git_dirty` (any output = dirty) and is deleted. Agents before 2026-12-07 named it
 * RUNID-GITPID.gitstatus (git was their child; done = that pid gone): still read.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../../common/errors.js';
import { isProcessAlive } from '../../common/home.js';
import type { Logger } from '../log.js';

/** RUNID.gitstatus (done), RUNID.gitstatus.part (git running), RUNID-GITPID.gitstatus (older agents). */
const NAME = /^([0-9a-f]{32})(?:-(\d+))?\.gitstatus(\.part)?$/;
/** git still running after this (hung, or its pid reused): the flag stays unknown. */
const GIVE_UP_MS = 60_000;
/** No run in the store this long after git wrote the file: the run never arrived (its agent was killed). */
const ORPHAN_MS = 24 * 3_600_000;

export interface GitStatusOutcome {
  readonly runId: string;
  readonly dirty: boolean | null;
}

export class GitStatusFollowUp {
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<GitStatusOutcome[]> | undefined;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly dir: string,
    private readonly log: Logger,
  ) {}

  start(intervalMs = 500): void {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a pass in progress (before the connection is closed). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checking?.catch(() => undefined);
  }

  /** One pass over the directory; returns the runs whose flag was settled. */
  check(): Promise<GitStatusOutcome[]> {
    this.checking ??= this.pass().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async pass(): Promise<GitStatusOutcome[]> {
    const settled: GitStatusOutcome[] = [];
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const m = NAME.exec(name);
      if (!m) continue;
      const runId = m[1]!;
      const path = join(this.dir, name);
      try {
        const info = await stat(path).catch(() => undefined);
        if (!info) continue;
        const age = Date.now() - info.mtimeMs;
        const running = m[3] !== undefined ? true : m[2] !== undefined ? isRunning(Number(m[2])) : false;
        if (running && age < GIVE_UP_MS) continue;
        const reader = await this.connection.runAndReadAll('SELECT git_commit FROM run_context WHERE run_id = $1', [runId]);
        if (reader.getRows().length === 0) {
          if (age > ORPHAN_MS) await unlink(path).catch(() => undefined);
          continue; // the run's environment is not stored yet (still spooled, or in flight)
        }
        const dirty = running ? null : (await readFile(path, 'utf8')).trim().length > 0;
        if (running) this.log.warn('git status did not finish: dirty flag unknown', { run_id: runId, file: name });
        await this.connection.run('UPDATE run_context SET git_dirty = $2 WHERE run_id = $1 AND git_commit IS NOT NULL', [runId, dirty]);
        await unlink(path).catch(() => undefined);
        settled.push({ runId, dirty });
      } catch (err) {
        this.log.warn('git status follow-up failed', { file: name, error: errorMessage(err) });
      }
    }
    return settled;
  }
}

const HAVE_PROC = existsSync('/proc/self/stat');

/** Alive and not a zombie: an exited git whose parent (the traced program) is gone may stay a zombie. */
function isRunning(pid: number): boolean {
  if (!HAVE_PROC) return isProcessAlive(pid);
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false; // no such process
  }
}
