/** labtrace runs: one line a run, newest first. */
import type { HomePaths } from '../../daemon/home.js';
import { formatResult, type OutputFormat } from '../format.js';
import { runSql } from '../query-source.js';

export async function runsCommand(home: HomePaths, limit: number, format: OutputFormat, out: NodeJS.WritableStream): Promise<void> {
  const result = await runSql(
    home,
    `SELECT run_id AS id, coalesce(script, '-c') AS script, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started,
       round(date_diff('millisecond', started_at, ended_at) / 1000.0, 3) AS duration_s, status, exit_code,
       events_ingested AS events, python_version AS python, backend
     FROM runs ORDER BY started_at DESC NULLS LAST, run_id DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
  );
  out.write(formatResult(result, format));
}
