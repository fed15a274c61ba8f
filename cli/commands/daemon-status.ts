/** labtrace daemon status [--format table|csv|json]: the running daemon's figures. */
import type { HomePaths } from '../../common/home.js';
import { formatRecord, type OutputFormat } from '../../common/format.js';
import { DaemonClient } from '../daemon-client.js';

export async function daemonStatus(home: HomePaths, format: OutputFormat, out: NodeJS.WritableStream): Promise<void> {
  const client = await DaemonClient.require(home);
  const status = await client.status();
  const mb = (n: unknown): string => `${(Number(n) / 1e6).toFixed(1)} MB`;
  // Counts come from a side connection that status never waits for long: while DuckDB is busy they are the last ones taken.
  const age = status.counts_age_s === null ? ' (not counted yet: the store is busy)' : Number(status.counts_age_s) >= 1 ? ` (as of ${status.counts_age_s} s ago: the store is busy)` : '';
  out.write(formatRecord(status, format, () => [
    `labtrace daemon: running (pid ${status.pid}, 127.0.0.1:${status.port})`,
    `uptime:            ${status.uptime_s} s`,
    `open connections:  ${status.connections}`,
    `runs:              ${status.runs} (${status.running_runs} running)${age}`,
    `events stored:     ${status.events} (${status.events_ingested_since_start} since start)`,
    `queries running:   ${status.queries_running ?? 0}`,
    `spool files:       ${status.spool_files_ingested} ingested, ${status.spool_files_rejected} rejected`,
    `database:          ${status.database} (${mb(status.database_bytes)})`,
    `daemon memory:     ${mb(status.rss_bytes)} RSS`,
  ].join('\n') + '\n'));
}
