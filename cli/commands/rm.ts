/**
 * labtrace rm RUN... and labtrace prune --older-than AGE: delete ended runs, through the running
 * daemon (it owns the store) or, without one, the store opened for writing. Running runs are kept.
 */
import { LabtraceError } from '../../common/errors.js';
import type { HomePaths } from '../../common/home.js';
import { formatResult, type OutputFormat } from '../../common/format.js';
import { stringifyJson } from '../../common/json.js';
import { rows } from '../../common/sql-source.js';
import { resolveRun } from '../../analytics/reports/resolve-run.js';
import { deleteRuns, type DeleteSummary } from '../../daemon/store/run-delete.js';
import { Store } from '../../daemon/store/store.js';
import { DaemonClient } from '../daemon-client.js';
import { sqlRunner } from '../query-source.js';
import { usageError } from '../grammar.js';

async function deleteThroughStore(home: HomePaths, runIds: string[]): Promise<DeleteSummary> {
  const client = await DaemonClient.find(home);
  if (client) return client.deleteRuns(runIds);
  const store = await Store.open(home.database);
  try {
    return await deleteRuns(store.connection, runIds);
  } finally {
    store.close();
  }
}

function report(summary: DeleteSummary, format: OutputFormat, out: NodeJS.WritableStream, dryRun = false): void {
  if (format === 'json') out.write(stringifyJson({ ...summary, dry_run: dryRun }, 2) + '\n');
  else if (format === 'csv') {
    out.write(formatResult({ columns: ['run_id', 'outcome'], rows: [
      ...summary.deleted.map((id) => [id, dryRun ? 'would be deleted' : 'deleted']), ...summary.running.map((id) => [id, 'running: kept']), ...summary.missing.map((id) => [id, 'not found'])] }, 'csv'));
  } else {
    for (const id of summary.deleted) out.write(`${dryRun ? 'would delete' : 'deleted'} run ${id}\n`);
    for (const id of summary.running) out.write(`kept run ${id}: it is running\n`);
    out.write(`${summary.deleted.length} run${summary.deleted.length === 1 ? '' : 's'} ${dryRun ? 'would be ' : ''}deleted\n`);
  }
}

export async function rmCommand(home: HomePaths, refs: string[], format: OutputFormat, out: NodeJS.WritableStream): Promise<number> {
  const sql = await sqlRunner(home);
  const ids: string[] = [];
  for (const ref of refs) ids.push(await resolveRun(sql, ref));
  const running = await rows<{ run_id: string }>(sql, `SELECT run_id FROM runs WHERE status = 'running' AND run_id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`, ids);
  if (running.length > 0) {
    throw new LabtraceError('RUN_RUNNING', `run ${running.map((r) => r.run_id).join(', ')} is running: not deleted (nothing was)`, 'wait for it to end (or for the daemon to mark it lost)');
  }
  const summary = await deleteThroughStore(home, ids);
  report(summary, format, out);
  return summary.running.length > 0 ? 1 : 0;
}

/** An age like 30d, 12h, 2w, 90m, as milliseconds. */
export function parseAge(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)\s*$/.exec(text);
  if (!m || Number(m[1]) <= 0) throw usageError(`--older-than ${text}: expected an age such as 30d, 12h, 2w or 90m`);
  const unit = { s: 1e3, m: 60e3, min: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 }[m[2] as 's' | 'm' | 'min' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}

export async function pruneCommand(home: HomePaths, olderThan: string, dryRun: boolean, format: OutputFormat, out: NodeJS.WritableStream, now = Date.now()): Promise<void> {
  const before = new Date(now - parseAge(olderThan)).toISOString();
  const sql = await sqlRunner(home);
  const old = await rows<{ run_id: string }>(sql, `SELECT run_id FROM runs WHERE started_at < $1::TIMESTAMP AND status <> 'running' ORDER BY started_at`, [before]);
  const ids = old.map((r) => r.run_id);
  if (dryRun || ids.length === 0) return report({ deleted: ids, running: [], missing: [] }, format, out, dryRun);
  report(await deleteThroughStore(home, ids), format, out);
}
