/** Everything the store knows about one run, gathered for `labtrace show` (and `diff`). */
import { lit, rows, type SqlRunner } from '../../common/sql-source.js';

export interface RunRecord {
  run: Record<string, unknown>;
  analysis: { status: string | null; message: string | null };
  phases: { phase: string; wall_s: number; share_pct: number; intervals: number }[];
  timeline: { phase: string; start_s: number; end_s: number; first_line: number; last_line: number }[];
  slowest_statements: { file: string; start_line: number; end_line: number; phase: string; seconds: number; executions: number }[];
  data: { path: string; mode: string; write: boolean; size: number; sha256: string | null; hash_method: string | null; line: number }[];
  datasets: { name: string; line: number; type: string; shape: string | null; columns: string[]; fingerprint: string | null }[];
  parameters: { estimator: string | null; name: string; value: string; type: string | null; is_default: boolean; line: number; source: string }[];
  metrics: { function: string; value: number | null; repr: string | null; line: number; source: string }[];
  environment: {
    distributions: { name: string; version: string }[];
    variables: { name: string; value: string; redacted: boolean }[];
    git: Record<string, unknown> | null;
  };
  sources: { path: string; sha256: string }[];
  overhead: Record<string, unknown>;
}

/** The run's phase breakdown as `labtrace show` prints it: the `phase_breakdown` view (an aggregate of `phase_intervals`). */
export function runPhasesSql(runId: string): string {
  return `SELECT phase, round(wall_ns / 1e9, 3) AS wall_s, share_pct, intervals FROM phase_breakdown WHERE run_id = ${lit(runId)} ORDER BY first_start_ns`;
}

export async function loadRunRecord(sql: SqlRunner, runId: string): Promise<RunRecord> {
  const id = lit(runId);
  const [run] = await rows(sql, `SELECT r.*, date_diff('millisecond', started_at, ended_at) / 1000.0 AS duration_s FROM runs r WHERE run_id = ${id}`);
  const has = async (table: string): Promise<boolean> =>
    (await rows(sql, `SELECT 1 FROM information_schema.tables WHERE table_name = ${lit(table)}`)).length > 0;
  const analyzed = await has('run_analysis');
  const [analysis] = analyzed ? await rows<{ status: string; message: string | null }>(sql, `SELECT status, message FROM run_analysis WHERE run_id = ${id}`) : [];
  const phases = analyzed
    ? await rows<RunRecord['phases'][number]>(sql, runPhasesSql(runId))
    : [];
  const timeline = analyzed
    ? await rows<RunRecord['timeline'][number]>(sql, `SELECT phase, round(start_ns / 1e9, 3) AS start_s, round(end_ns / 1e9, 3) AS end_s, first_line, last_line FROM phase_intervals WHERE run_id = ${id} ORDER BY ordinal`)
    : [];
  const slowest = analyzed
    ? await rows<RunRecord['slowest_statements'][number]>(sql, `SELECT file, start_line, end_line, phase, round(total_ns / 1e9, 3) AS seconds, executions FROM statement_times WHERE run_id = ${id} ORDER BY total_ns DESC LIMIT 10`)
    : [];
  const data = await rows<RunRecord['data'][number]>(sql,
    `SELECT path, any_value(mode) AS mode, bool_or(is_write) AS write, max(size) AS size, any_value(sha256) AS sha256, any_value(hash_method) AS hash_method, min(line) AS line
     FROM file_accesses WHERE run_id = ${id} GROUP BY path ORDER BY min(t_ns)`);
  const datasets = await rows<RunRecord['datasets'][number]>(sql,
    `SELECT name, line, type, shape, columns, fingerprint FROM variables WHERE run_id = ${id} AND (len(columns) > 0 OR shape LIKE '(%') ORDER BY t_ns`);
  const parameters = await rows<RunRecord['parameters'][number]>(sql,
    `SELECT estimator, name, value, type, is_default, line, source FROM hyperparameters WHERE run_id = ${id} ORDER BY source, estimator, t_ns, name`);
  const metrics = await rows<RunRecord['metrics'][number]>(sql,
    `SELECT function, value, repr, line, source FROM metrics WHERE run_id = ${id} ORDER BY t_ns, line`);
  // Distributions come with the imports (the agent resolves each imported module's distribution).
  const distributions = await rows<{ name: string; version: string }>(sql,
    `SELECT DISTINCT name, version FROM (
       SELECT name, version FROM run_distributions WHERE run_id = ${id}
       UNION SELECT distribution, version FROM imports WHERE run_id = ${id} AND distribution IS NOT NULL AND distribution <> ''
     ) ORDER BY lower(name)`);
  const variables = await rows<{ name: string; value: string; redacted: boolean }>(sql, `SELECT name, value, redacted FROM run_environment WHERE run_id = ${id} ORDER BY name`);
  const [git] = await rows(sql, `SELECT git_commit, git_dirty, git_branch, git_root, gpu, platform FROM run_context WHERE run_id = ${id}`);
  const sources = await rows<{ path: string; sha256: string }>(sql, `SELECT DISTINCT path, sha256 FROM run_sources WHERE run_id = ${id} ORDER BY path`);
  const [overhead] = await rows(sql,
    `SELECT round(r.agent_cpu_ns / 1e6, 1) AS agent_cpu_ms, r.events_recorded, r.events_dropped, r.batches_spooled, r.events_ingested,
       (SELECT count(*) FROM batches b WHERE b.run_id = r.run_id) AS frames,
       (SELECT count(*) FROM batches b WHERE b.run_id = r.run_id AND b.source = 'spool') AS frames_from_spool,
       (SELECT max(rss_bytes) FROM resource_samples s WHERE s.run_id = r.run_id) AS max_rss_bytes,
       (SELECT round(avg(cpu_percent), 1) FROM resource_samples s WHERE s.run_id = r.run_id) AS avg_cpu_percent,
       round(100.0 * r.agent_cpu_ns / 1e9 / nullif(date_diff('millisecond', r.started_at, r.ended_at) / 1000.0, 0), 2) AS agent_cpu_share_pct
     FROM runs r WHERE r.run_id = ${id}`);
  return {
    run: run ?? {},
    analysis: { status: analysis?.status ?? null, message: analysis?.message ?? null },
    phases,
    timeline,
    slowest_statements: slowest,
    data,
    datasets,
    parameters,
    metrics,
    environment: { distributions, variables, git: git ?? null },
    sources,
    overhead: overhead ?? {},
  };
}
