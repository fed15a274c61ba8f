/** labtrace diff RUN_A RUN_B [--format table|csv|json]: what changed between two runs. */
import type { HomePaths } from '../../common/home.js';
import { formatRecord, type OutputFormat } from '../../common/format.js';
import { loadRunRecord } from '../../analytics/reports/run-record.js';
import { diffRuns } from '../../analytics/reports/run-diff.js';
import { renderRunDiff } from '../../analytics/reports/render-diff.js';
import { resolveRun } from '../../analytics/reports/resolve-run.js';
import { sqlRunner } from '../query-source.js';

export async function diffCommand(home: HomePaths, refA: string, refB: string, format: OutputFormat, out: NodeJS.WritableStream): Promise<void> {
  const sql = await sqlRunner(home);
  const [a, b] = [await resolveRun(sql, refA), await resolveRun(sql, refB)];
  const diff = await diffRuns(sql, await loadRunRecord(sql, a), await loadRunRecord(sql, b));
  out.write(formatRecord(diff, format, () => renderRunDiff(diff)));
}
