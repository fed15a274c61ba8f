/** Naming of spool files: RUNID-PID-N.spool (closed) or RUNID-PID-N.spool.partial (being written). */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isProcessAlive } from '../../common/home.js';

const NAME = /^([0-9a-f]{32})-(\d+)-(\d+)\.spool(\.partial)?$/;

export interface SpoolName {
  readonly runId: string;
  readonly pid: number;
  readonly partial: boolean;
}

export function parseSpoolName(path: string): SpoolName | undefined {
  const m = NAME.exec(basename(path));
  return m ? { runId: m[1]!, pid: Number(m[2]), partial: m[4] !== undefined } : undefined;
}

/** A closed spool file is always ready; a partial one only once its writer is gone (killed agent). */
export function isReadyForIngest(path: string): boolean {
  const name = parseSpoolName(path);
  if (!name) return false;
  return !name.partial || !isProcessAlive(name.pid);
}

/**
 * The process that wrote a spool file still runs. Linux's /proc tells an exited process not yet reaped
 * (a zombie) from a running one; elsewhere a signal 0 answers for both. A process of another host or
 * pid namespace may share the number: callers bound their wait.
 */
export function isWriterRunning(path: string): boolean {
  const name = parseSpoolName(path);
  if (!name) return false;
  if (process.platform !== 'linux') return isProcessAlive(name.pid);
  try {
    const stat = readFileSync(`/proc/${name.pid}/stat`, 'latin1');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false; // no such process
  }
}
