/** labtrace runs: one line a run, newest first, with optional filters. */
import type { HomePaths } from '../../common/home.js';
import { formatResult, type OutputFormat } from '../../common/format.js';
import { SqlParams, type BoundSql } from '../../common/sql-source.js';
import { runSql } from '../query-source.js';
import { filterConditions, type RunFilters } from './run-filters.js';

export async function runsCommand(home: HomePaths, limit: number, format: OutputFormat, filters: RunFilters, out: NodeJS.WritableStream): Promise<void> {
  const query = runsSql(limit, filters);
  const result = await runSql(home, query.sql, { params: query.params });
  out.write(formatResult(result, format));
}

/** The query behind `labtrace runs` (newest first, filtered; `--phase` looks in `phase_intervals`). */
export function runsSql(limit: number, filters: RunFilters): BoundSql {
  const params = new SqlParams();
  const where = filterConditions(filters, params);
  const sql = `SELECT r.run_id AS id, CASE WHEN r.kind = 'notebook' THEN coalesce(r.notebook_path, r.kernel_connection_file) ELSE coalesce(r.script, '-c') END AS script, r.kind, strftime(r.started_at, '%Y-%m-%d %H:%M:%S') AS started,
       round(date_diff('millisecond', r.started_at, r.ended_at) / 1000.0, 3) AS duration_s, r.status, r.exit_code,
       r.events_ingested AS events, r.python_version AS python, r.backend
     FROM runs r ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
     ORDER BY r.started_at DESC NULLS LAST, r.run_id DESC LIMIT ${Math.max(1, Math.floor(limit))}`;
  return { sql, params: params.values };
}
