/** A notebook session's cell executions (issue 12), in the order they really ran: `labtrace show` on a notebook run. */
import { formatTable } from '../../common/format.js';
import { rows, type SqlRunner } from '../../common/sql-source.js';

export interface CellExecution {
  ordinal: number;
  execution_count: number | null;
  cell_index: number | null;
  first_line: string | null;
  seconds: number | null;
  outcome: string;
  exception_type: string | null;
  phase: string | null;
  metrics: string | null;
  /** Runs this execution started (`!python train.py`, subprocess, fork): "run_id script status" per run, newline-separated. */
  children?: string | null;
}

const WITHIN = `m.run_id = x.run_id AND m.t_ns >= x.t_start_ns AND (x.t_end_ns IS NULL OR m.t_ns <= x.t_end_ns)`;

/**
 * $1 = run id. `phase`: the phase interval overlapping the execution most (correlated runs only,
 * `withPhases`); `metrics`: the metric values recorded during it; `first_line`: the cell's first
 * non-blank line, from its stored source; `children`: the runs the execution started (runs.parent_cell).
 */
export function cellExecutionsSql(withPhases: boolean): string {
  const phase = withPhases
    ? `(SELECT p.phase FROM phase_intervals p
         WHERE p.run_id = x.run_id AND p.end_ns > x.t_start_ns AND (x.t_end_ns IS NULL OR p.start_ns < x.t_end_ns)
         ORDER BY least(p.end_ns, coalesce(x.t_end_ns, p.end_ns)) - greatest(p.start_ns, x.t_start_ns) DESC LIMIT 1)`
    : 'NULL';
  return `SELECT x.ordinal, x.execution_count, x.cell_index,
      (SELECT list_filter(string_split(decode(b.content), chr(10)), l -> trim(l) <> '')[1] FROM source_blobs b WHERE b.sha256 = x.source_sha256) AS first_line,
      round(x.duration_s, 3) AS seconds, x.outcome, x.exception_type, ${phase} AS phase,
      (SELECT string_agg(regexp_replace(m.function, '^.*\\.', '') || '=' || coalesce(CAST(round(m.value, 6) AS VARCHAR), m.repr), ', ' ORDER BY m.t_ns)
         FROM metrics m WHERE ${WITHIN}) AS metrics,
      (SELECT string_agg(c.run_id || ' ' || coalesce(c.script, '-c') || ' ' || c.status, chr(10) ORDER BY c.started_at)
         FROM runs c WHERE c.parent_run_id = x.run_id AND c.parent_cell = x.ordinal) AS children
    FROM cell_executions x WHERE x.run_id = $1 ORDER BY x.ordinal`;
}

export async function loadCellExecutions(sql: SqlRunner, runId: string, withPhases: boolean): Promise<CellExecution[]> {
  const exists = await rows(sql, `SELECT 1 FROM information_schema.tables WHERE table_name = 'cell_executions'`, []);
  if (exists.length === 0) return [];
  return rows<CellExecution>(sql, cellExecutionsSql(withPhases), [runId]);
}

const s = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const clip = (text: string, n: number): string => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** The executions table: n (ordinal), In [k], cell position, phase, seconds, outcome, metrics, first line. */
export function renderCellExecutions(cells: readonly CellExecution[], runStatus: unknown): string {
  const table = renderTable(cells, runStatus);
  const children = cells.flatMap((c) => (c.children ? c.children.split('\n').map((child) => `  ${s(c.ordinal)} [${s(c.execution_count ?? '')}] started run ${child}`) : []));
  return children.length === 0 ? table : `${table}\n\nruns started by cells (n, in, run, script, status)\n${children.join('\n')}`;
}

function renderTable(cells: readonly CellExecution[], runStatus: unknown): string {
  const outcome = (c: CellExecution): string => {
    if (c.outcome === 'running') return runStatus === 'running' ? 'running' : 'killed';
    return c.exception_type ? `${c.outcome} (${c.exception_type})` : c.outcome;
  };
  return formatTable(['n', 'in', 'cell', 'phase', 'seconds', 'outcome', 'metrics', 'code'], cells.map((c) => [
    s(c.ordinal), c.execution_count ? `[${c.execution_count}]` : '', c.cell_index ? `#${c.cell_index}` : '?', s(c.phase),
    c.seconds === null ? '' : Number(c.seconds).toFixed(3), outcome(c), clip(s(c.metrics), 40), clip(s(c.first_line).trim(), 40)])).trimEnd();
}
