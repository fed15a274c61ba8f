/** labtrace show [RUN] [--json]: the experiment record of one run. */
import type { HomePaths } from '../../daemon/home.js';
import { stringifyJson } from '../../daemon/server/json.js';
import { loadRunRecord } from '../../analytics/reports/run-record.js';
import { renderRunRecord } from '../../analytics/reports/render-record.js';
import { resolveRun } from '../../analytics/reports/resolve-run.js';
import { sqlRunner } from '../query-source.js';

export async function showCommand(home: HomePaths, ref: string | undefined, json: boolean, out: NodeJS.WritableStream): Promise<void> {
  const sql = await sqlRunner(home);
  const runId = await resolveRun(sql, ref);
  const record = await loadRunRecord(sql, runId);
  out.write(json ? stringifyJson(record, 2) + '\n' : renderRunRecord(record));
}
