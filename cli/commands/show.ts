/** labtrace show [RUN] [--format table|csv|json]: the experiment record of one run. */
import type { HomePaths } from '../../common/home.js';
import { formatRecord, type OutputFormat } from '../../common/format.js';
import { loadRunRecord } from '../../analytics/reports/run-record.js';
import { renderRunRecord } from '../../analytics/reports/render-record.js';
import { resolveRun } from '../../analytics/reports/resolve-run.js';
import { sqlRunner } from '../query-source.js';
import { DaemonClient } from '../daemon-client.js';

export async function showCommand(home: HomePaths, ref: string | undefined, format: OutputFormat, out: NodeJS.WritableStream): Promise<void> {
  const sql = await sqlRunner(home);
  const runId = await resolveRun(sql, ref);
  let record = await loadRunRecord(sql, runId);
  if (record.analysis.status === null && record.run.status !== 'running') {
    // Not correlated yet (it just ended): ask the daemon to do it now rather than show no phases.
    const client = await DaemonClient.find(home);
    if (client) {
      await client.analyzeRun(runId);
      record = await loadRunRecord(sql, runId);
    }
  }
  out.write(formatRecord(record, format, () => renderRunRecord(record)));
}
