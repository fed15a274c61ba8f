/** labtrace runs: one line a run, newest first, with optional filters and chosen parameter/metric columns; -c/REPL runs without user code hidden unless --all. */
import type { HomePaths } from '../../common/home.js';
import { formatResult, type OutputFormat } from '../../common/format.js';
import { SqlParams, type BoundSql } from '../../common/sql-source.js';
import { runSql } from '../query-source.js';
import { NO_USER_CODE, filterConditions, type RunFilters } from './run-filters.js';
import { columnSelects, foldColumns } from './run-columns.js';

export async function runsCommand(home: HomePaths, limit: number, format: OutputFormat, filters: RunFilters, out: NodeJS.WritableStream, columns: readonly string[] = []): Promise<void> {
  const query = runsSql(limit, filters, columns);
  const result = await runSql(home, query.sql, { params: query.params });
  out.write(formatResult(foldColumns(result, columns), format));
  if (format === 'table' && !filters.all) {
    // csv and json stay data only
    const hidden = await runSql(home, `SELECT count(*) AS n FROM runs r WHERE ${NO_USER_CODE}`);
    const n = Number(hidden.rows[0]?.[0] ?? 0);
    if (n > 0) out.write(`(${n} -c/REPL run${n === 1 ? '' : 's'} without user code not listed: labtrace runs --all shows them)\n`);
  }
}

/**
 * The query behind `labtrace runs` (newest first, filtered; `--phase` looks in `phase_intervals`; chosen
 * parameter and metric columns, see run-columns.ts). Times are UTC, ISO 8601 with Z.
 */
export function runsSql(limit: number, filters: RunFilters, columns: readonly string[] = []): BoundSql {
  const params = new SqlParams();
  const chosen = columnSelects(columns, params).map((c) => `,\n       ${c}`).join('');
  const where = filterConditions(filters, params);
  const sql = `SELECT r.run_id AS id, CASE WHEN r.kind = 'notebook' THEN coalesce(r.notebook_path, r.kernel_connection_file) ELSE coalesce(nullif(r.script, ''), '-c') END AS script, r.kind, strftime(r.started_at, '%Y-%m-%dT%H:%M:%SZ') AS started,
       round(date_diff('millisecond', r.started_at, r.ended_at) / 1000.0, 3) AS duration_s, r.status, r.exit_code,
       r.events_ingested AS events, r.python_version AS python, r.backend${chosen}
     FROM runs r ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
     ORDER BY r.started_at DESC NULLS LAST, r.run_id DESC LIMIT ${Math.max(1, Math.floor(limit))}`;
  return { sql, params: params.values };
}
