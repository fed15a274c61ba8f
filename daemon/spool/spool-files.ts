/** Naming of spool files: RUNID-PID-N.spool (closed) or RUNID-PID-N.spool.partial (being written). */
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
