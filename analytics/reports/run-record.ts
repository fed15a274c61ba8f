/** Everything the store knows about one run, gathered for `labtrace show` (and `diff`). */
import { rows, type SqlRunner } from '../../common/sql-source.js';
import { loadCellExecutions, type CellExecution } from './cell-executions.js';
import { loadTrials, type Trial } from './trials.js';

/** What a file was to a run: read, produced, or read and then written. */
export type FileRole = 'input' | 'output' | 'input and output';

export interface RunRecord {
  run: Record<string, unknown>;
  analysis: { status: string | null; message: string | null };
  phases: { phase: string; wall_s: number; share_pct: number; intervals: number }[];
  timeline: { phase: string; start_s: number; end_s: number; first_line: number; last_line: number }[];
  slowest_statements: { file: string; start_line: number; end_line: number; phase: string; seconds: number; executions: number }[];
  /**
   * Files the run touched, one row per path: `role` says whether the run read it (input), produced it
   * (output: its first access wrote it) or read it and then wrote it; `sha256` is the content read for
   * inputs, the content last written for outputs; `inferred`: the agent had no audit hook and guessed the
   * file from the statement's text (source 'inferred').
   */
  data: { path: string; mode: string; write: boolean; read?: boolean; role?: FileRole; size: number; sha256: string | null; hash_method: string | null; line: number; inferred?: boolean }[];
  datasets: { name: string; line: number; type: string; shape: string | null; columns: string[]; fingerprint: string | null }[];
  parameters: { estimator: string | null; name: string; value: string; type: string | null; is_default: boolean; line: number; source: string }[];
  metrics: { function: string; name?: string | null; value: number | null; repr: string | null; line: number; source: string }[];
  /** Sweeps' iterations and searches' candidates (issue 11). */
  trials?: Trial[];
  environment: {
    distributions: { name: string; version: string }[];
    variables: { name: string; value: string; redacted: boolean }[];
    git: Record<string, unknown> | null;
  };
  sources: { path: string; sha256: string }[];
  overhead: Record<string, unknown>;
  /** Notebook sessions: the cell executions in the order they ran (empty for scripts). */
  cells: CellExecution[];
}

/**
 * The record's queries, in one place: each takes the run id as $1. `phases`, `timeline` and `slowest`
 * read the correlation tables, which exist once a run was correlated.
 */
export const RECORD_SQL = {
  run: `SELECT r.*, date_diff('millisecond', started_at, ended_at) / 1000.0 AS duration_s FROM runs r WHERE run_id = $1`,
  tableExists: `SELECT 1 FROM information_schema.tables WHERE table_name = $1`,
  analysis: `SELECT status, message FROM run_analysis WHERE run_id = $1`,
  /** The run's phase breakdown as `labtrace show` prints it: the `phase_breakdown` view (an aggregate of `phase_intervals`). */
  phases: `SELECT phase, round(wall_ns / 1e9, 3) AS wall_s, share_pct, intervals FROM phase_breakdown WHERE run_id = $1 ORDER BY first_start_ns`,
  timeline: `SELECT phase, round(start_ns / 1e9, 3) AS start_s, round(end_ns / 1e9, 3) AS end_s, first_line, last_line FROM phase_intervals WHERE run_id = $1 ORDER BY ordinal`,
  slowest: `SELECT file, start_line, end_line, phase, round(total_ns / 1e9, 3) AS seconds, executions FROM statement_times WHERE run_id = $1 ORDER BY total_ns DESC LIMIT 10`,
  data: `SELECT path, mode, write, read, CASE WHEN NOT write THEN 'input' WHEN first_write THEN 'output' ELSE 'input and output' END AS role,
       size, CASE WHEN first_write THEN coalesce(written, sha_read) ELSE coalesce(sha_read, written) END AS sha256, hash_method, line, inferred
     FROM (SELECT path, arg_min(mode, t_ns) AS mode, bool_or(is_write) AS write, bool_or(NOT is_write) AS read, arg_min(is_write, t_ns) AS first_write,
         max(size) AS size, arg_min(sha256, t_ns) FILTER (WHERE NOT is_write AND sha256 IS NOT NULL) AS sha_read,
         arg_max(sha256, t_ns) FILTER (WHERE is_write AND sha256 IS NOT NULL) AS written,
         arg_min(hash_method, t_ns) FILTER (WHERE sha256 IS NOT NULL) AS hash_method, min(line) AS line, min(t_ns) AS t_ns,
         coalesce(bool_and(source = 'inferred'), false) AS inferred
       FROM file_accesses WHERE run_id = $1 GROUP BY path) ORDER BY t_ns`,
  datasets: `SELECT name, line, type, shape, columns, fingerprint FROM variables WHERE run_id = $1 AND (len(columns) > 0 OR shape LIKE '(%') ORDER BY t_ns`,
  parameters: `SELECT estimator, name, value, type, is_default, line, source FROM hyperparameters WHERE run_id = $1 ORDER BY source, estimator, t_ns, name`,
  metrics: `SELECT function, name, value, repr, line, source FROM metrics WHERE run_id = $1 ORDER BY t_ns, line`,
  // Distributions come with the imports (the agent resolves each imported module's distribution).
  distributions: `SELECT DISTINCT name, version FROM (
       SELECT name, version FROM run_distributions WHERE run_id = $1
       UNION SELECT distribution, version FROM imports WHERE run_id = $1 AND distribution IS NOT NULL AND distribution <> ''
     ) ORDER BY lower(name)`,
  variables: `SELECT name, value, redacted FROM run_environment WHERE run_id = $1 ORDER BY name`,
  git: `SELECT git_commit, git_dirty, git_branch, git_root, gpu, platform FROM run_context WHERE run_id = $1`,
  sources: `SELECT DISTINCT path, sha256 FROM run_sources WHERE run_id = $1 ORDER BY path`,
  overhead: `SELECT round(r.agent_cpu_ns / 1e6, 1) AS agent_cpu_ms, round(r.record_ns / 1e6, 1) AS record_ms, r.record_reduced, r.events_recorded, r.events_dropped, r.batches_spooled, r.events_ingested,
       (SELECT count(*) FROM batches b WHERE b.run_id = r.run_id) AS frames,
       (SELECT count(*) FROM batches b WHERE b.run_id = r.run_id AND b.source = 'spool') AS frames_from_spool,
       (SELECT max(rss_bytes) FROM resource_samples s WHERE s.run_id = r.run_id) AS max_rss_bytes,
       (SELECT round(avg(cpu_percent), 1) FROM resource_samples s WHERE s.run_id = r.run_id) AS avg_cpu_percent,
       round(100.0 * r.agent_cpu_ns / 1e9 / nullif(date_diff('millisecond', r.started_at, r.ended_at) / 1000.0, 0), 2) AS agent_cpu_share_pct
     FROM runs r WHERE r.run_id = $1`,
} as const;

export async function loadRunRecord(sql: SqlRunner, runId: string): Promise<RunRecord> {
  const of = <T = Record<string, unknown>>(query: string): Promise<T[]> => rows<T>(sql, query, [runId]);
  const [run] = await of(RECORD_SQL.run);
  const analyzed = (await rows(sql, RECORD_SQL.tableExists, ['run_analysis'])).length > 0;
  const [analysis] = analyzed ? await of<{ status: string; message: string | null }>(RECORD_SQL.analysis) : [];
  const phases = analyzed ? await of<RunRecord['phases'][number]>(RECORD_SQL.phases) : [];
  const timeline = analyzed ? await of<RunRecord['timeline'][number]>(RECORD_SQL.timeline) : [];
  const slowest = analyzed ? await of<RunRecord['slowest_statements'][number]>(RECORD_SQL.slowest) : [];
  const data = await of<RunRecord['data'][number]>(RECORD_SQL.data);
  const datasets = await of<RunRecord['datasets'][number]>(RECORD_SQL.datasets);
  const parameters = await of<RunRecord['parameters'][number]>(RECORD_SQL.parameters);
  const metrics = (await of<RunRecord['metrics'][number]>(RECORD_SQL.metrics)).map((m) => ({ ...m, value: metricNumber(m.value) }));
  const distributions = await of<{ name: string; version: string }>(RECORD_SQL.distributions);
  const variables = await of<{ name: string; value: string; redacted: boolean }>(RECORD_SQL.variables);
  const [git] = await of(RECORD_SQL.git);
  const sources = await of<{ path: string; sha256: string }>(RECORD_SQL.sources);
  const [overhead] = await of(RECORD_SQL.overhead);
  const trials = await loadTrials(sql, runId);
  const cells = run?.kind === 'notebook' ? await loadCellExecutions(sql, runId, analyzed) : [];
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
    trials,
    environment: { distributions, variables, git: git ?? null },
    sources,
    overhead: overhead ?? {},
    cells,
  };
}

/** A metric's value as a number: the daemon's JSON answers carry NaN and ±infinity as strings. */
export function metricNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const text = String(v).trim().toLowerCase();
  if (text === 'nan') return Number.NaN;
  if (text === 'infinity' || text === 'inf') return Number.POSITIVE_INFINITY;
  if (text === '-infinity' || text === '-inf') return Number.NEGATIVE_INFINITY;
  const n = Number(text);
  return Number.isNaN(n) ? null : n;
}
