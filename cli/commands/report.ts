/**
 * labtrace report [RUN...] [-o FILE] [filters]: a self-contained HTML report (analytics/reports/html/).
 * One run: its record, timeline and lineage; several runs (named, or those the `runs` filters select,
 * oldest first): the comparison page. Written to a temporary file renamed into place; `-o -` prints it.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { HomePaths } from '../../common/home.js';
import { LabtraceError, errorMessage } from '../../common/errors.js';
import { rows, type SqlRunner } from '../../common/sql-source.js';
import { resolveRun } from '../../analytics/reports/resolve-run.js';
import { buildReport } from '../../analytics/reports/html/report.js';
import { DaemonClient } from '../daemon-client.js';
import { sqlRunner } from '../query-source.js';
import { runsSql } from './runs.js';
import type { RunFilters } from './run-filters.js';

export const DEFAULT_REPORT = 'labtrace-report.html';

export interface ReportOptions {
  output: string;
  /** Used when no run is named and some filter is given. */
  filters: RunFilters;
  limit: number;
}

const hasFilter = (f: RunFilters): boolean => Boolean(f.script || f.since || f.phase || f.status || f.project || f.param?.length || f.metric?.length);

/** The runs of the report: those named (duplicates once), else those the filters select (oldest first), else the latest. */
async function chooseRuns(home: HomePaths, sql: SqlRunner, refs: readonly string[], options: ReportOptions): Promise<string[]> {
  if (refs.length > 0) {
    const ids: string[] = [];
    for (const ref of refs) ids.push(await resolveRun(sql, ref));
    return [...new Set(ids)];
  }
  if (!hasFilter(options.filters)) return [await resolveRun(sql, undefined)];
  const query = runsSql(options.limit, options.filters);
  const found = await rows<{ id: string }>(sql, query.sql, query.params);
  if (found.length === 0) throw new LabtraceError('RUN_NOT_FOUND', 'no run matches these filters', 'labtrace runs with the same filters lists what there is');
  return found.map((r) => r.id).reverse();
}

/** Runs that ended but are not correlated yet get their phases now, from the daemon (as `show` does). */
async function ensureAnalyzed(home: HomePaths, sql: SqlRunner, runIds: readonly string[]): Promise<void> {
  const tables = await rows(sql, `SELECT 1 FROM information_schema.tables WHERE table_name = 'run_analysis'`);
  const analyzed = tables.length > 0 ? `EXISTS (SELECT 1 FROM run_analysis a WHERE a.run_id = r.run_id)` : 'false';
  const pending: string[] = [];
  for (const id of runIds) {
    const [r] = await rows<{ ready: boolean }>(sql, `SELECT r.status = 'running' OR ${analyzed} AS ready FROM runs r WHERE r.run_id = $1`, [id]);
    if (r && !r.ready) pending.push(id);
  }
  const client = pending.length > 0 ? await DaemonClient.find(home) : undefined;
  for (const id of pending) await client?.analyzeRun(id);
}

export async function reportCommand(home: HomePaths, refs: readonly string[], options: ReportOptions, out: NodeJS.WritableStream): Promise<void> {
  const sql = await sqlRunner(home);
  const runIds = await chooseRuns(home, sql, refs, options);
  await ensureAnalyzed(home, sql, runIds);
  const page = await buildReport(sql, runIds);
  if (options.output === '-') {
    out.write(page);
    return;
  }
  const target = resolve(options.output);
  const partial = `${target}.${process.pid}.partial`;
  try {
    writeFileSync(partial, page);
    renameSync(partial, target);
  } catch (err) {
    throw new LabtraceError('IO', `cannot write the report to ${target}: ${errorMessage(err)}`, 'choose another file with -o');
  }
  const what = runIds.length === 1 ? `run ${runIds[0]!.slice(0, 12)}` : `${runIds.length} runs compared`;
  out.write(`wrote ${target} (${what}, ${(Buffer.byteLength(page) / 1024).toFixed(0)} kB)\n`);
}
