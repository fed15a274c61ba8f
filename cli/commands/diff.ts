/** labtrace diff RUN_A RUN_B [--json]: what changed between two runs. */
import type { HomePaths } from '../../common/home.js';
import { stringifyJson } from '../../common/json.js';
import { loadRunRecord } from '../../analytics/reports/run-record.js';
import { diffRuns } from '../../analytics/reports/run-diff.js';
import { renderRunDiff } from '../../analytics/reports/render-diff.js';
import { resolveRun } from '../../analytics/reports/resolve-run.js';
import { sqlRunner } from '../query-source.js';

export async function diffCommand(home: HomePaths, refA: string, refB: string, json: boolean, out: NodeJS.WritableStream): Promise<void> {
  const sql = await sqlRunner(home);
  const [a, b] = [await resolveRun(sql, refA), await resolveRun(sql, refB)];
  const diff = await diffRuns(sql, await loadRunRecord(sql, a), await loadRunRecord(sql, b));
  out.write(json ? stringifyJson(diff, 2) + '\n' : renderRunDiff(diff));
}
