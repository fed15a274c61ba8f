/** labtrace overhead [RUN]: what tracing cost a run, from the figures its agent and the daemon recorded. */
import type { HomePaths } from '../../common/home.js';
import { formatRecord, type OutputFormat } from '../../common/format.js';
import { rows } from '../../common/sql-source.js';
import { resolveRun } from '../../analytics/reports/resolve-run.js';
import { sqlRunner } from '../query-source.js';

export async function overheadCommand(home: HomePaths, ref: string | undefined, format: OutputFormat, out: NodeJS.WritableStream): Promise<void> {
  const sql = await sqlRunner(home);
  const runId = await resolveRun(sql, ref);
  const [o] = await rows(sql,
    `SELECT r.run_id, r.script, r.python_version, r.backend, r.backend_reason,
       date_diff('millisecond', r.started_at, r.ended_at) / 1000.0 AS run_seconds,
       r.agent_cpu_ns / 1e6 AS agent_cpu_ms,
       round(100.0 * r.agent_cpu_ns / 1e9 / nullif(date_diff('millisecond', r.started_at, r.ended_at) / 1000.0, 0), 2) AS agent_cpu_share_pct,
       r.events_recorded, r.events_ingested, r.events_dropped, r.batches_spooled,
       (SELECT count(*) FROM batches b WHERE b.run_id = r.run_id) AS frames,
       (SELECT count(*) FROM batches b WHERE b.run_id = r.run_id AND b.source = 'spool') AS frames_from_spool,
       (SELECT coalesce(sum(calls), 0) FROM function_stats f WHERE f.run_id = r.run_id) AS aggregated_calls,
       (SELECT max(rss_bytes) FROM resource_samples s WHERE s.run_id = r.run_id) AS peak_rss_bytes,
       (SELECT round(avg(cpu_percent), 1) FROM resource_samples s WHERE s.run_id = r.run_id) AS avg_cpu_percent,
       (SELECT count(*) FROM resource_samples s WHERE s.run_id = r.run_id) AS samples
     FROM runs r WHERE r.run_id = $1`, [runId]);
  if (format !== 'table') {
    out.write(formatRecord(o, format, () => ''));
    return;
  }
  const v = (x: unknown): string => (x === null || x === undefined ? '—' : String(x));
  out.write([
    `overhead of run ${v(o!.run_id)} (${v(o!.script)})`,
    `  backend          ${v(o!.backend)} on Python ${v(o!.python_version)}: ${v(o!.backend_reason)}`,
    `  run time         ${v(o!.run_seconds)} s`,
    `  agent CPU        ${v(o!.agent_cpu_ms)} ms = ${v(o!.agent_cpu_share_pct)}% of the run's wall time`,
    `  events           ${v(o!.events_recorded)} recorded, ${v(o!.events_ingested)} stored, ${v(o!.events_dropped)} dropped; ${v(o!.aggregated_calls)} calls counted in aggregates`,
    `  transport        ${v(o!.frames)} frames, ${v(o!.frames_from_spool)} via the spool (${v(o!.batches_spooled)} batches spooled by the agent)`,
    `  process          peak RSS ${o!.peak_rss_bytes ? (Number(o!.peak_rss_bytes) / 1e6).toFixed(1) + ' MB' : '—'}, average CPU ${v(o!.avg_cpu_percent)}% (${v(o!.samples)} samples)`,
  ].join('\n') + '\n');
}
