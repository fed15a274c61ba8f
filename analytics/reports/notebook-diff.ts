/**
 * Two sessions of a notebook compared cell by cell (issue 12): `labtrace diff` on notebook runs. Each
 * kernel compiles a cell under a temporary file name of its own (`/tmp/ipykernel_PID/HASH.py`), so the
 * code is compared by cell, never by file name. A session's executions are grouped into cells (by the
 * front end's cell id, else the cell's position in the notebook, else its source), and the cells of two
 * sessions matched in that order of confidence: the same cell id (it survives edits and insertions); the
 * same position (`cell_index`) and source; the same source at another position (a cell moved: without
 * ids, a cell inserted above shifts every position below it, and matching positions first would report
 * each of those cells as changed); the same position (a cell edited in place); then what is left in the
 * order cells first ran — only when one side does not know where its cell is in the notebook (two
 * known, different positions are two different cells).
 */
import { rows, type SqlRunner } from '../../common/sql-source.js';
import { unifiedDiff } from './unified-diff.js';

/** One cell execution as the diff needs it (table `cell_executions`). */
export interface NotebookExecution {
  ordinal: number;
  cell_index: number | null;
  cell_id: string | null;
  source_sha256: string;
  cell_file: string | null;
  outcome: string;
  exception_type: string | null;
}

/** A session's cell: the executions of one cell; its source is the one it last ran with. */
export interface SessionCell {
  cell_index: number | null;
  cell_id: string | null;
  source_sha256: string;
  /** Ordinal of its first execution. */
  first: number;
  executions: NotebookExecution[];
}

export type CellMatch = 'cell id' | 'cell index' | 'source' | 'order';

export interface CellDiff {
  /** `#3`, `#3 → #4` (moved), or `(cell first run n-th)` when its position is not known. */
  cell: string;
  index_a: number | null;
  index_b: number | null;
  matched_by: CellMatch | null;
  /** `parameters`: papermill's injected cell, whose assignments are in the diff's parameters. */
  change: 'unchanged' | 'changed' | 'parameters' | 'only in A' | 'only in B';
  /** Unified diff of the cell's source (A → B), '' unless changed. */
  diff: string;
  /** The cell's first non-blank line (B's, else A's). */
  first_line: string;
  executions_a: number;
  executions_b: number;
  /** The outcomes of its executions, in order, repeats collapsed: `ok`, `ok, error (ValueError)`. */
  outcomes_a: string;
  outcomes_b: string;
  /** True when both sessions ran the cell but a different number of times or with different outcomes. */
  ran_differently: boolean;
}

export interface NotebookDiff {
  path_a: string | null;
  path_b: string | null;
  paths_differ: boolean;
  cells: CellDiff[];
  /** Cells whose code, parameters or executions differ, or that only one session ran. */
  differing: number;
}

/** The first line of the cell papermill injects (its Python translator); the agent records its assignments as parameters. */
const PAPERMILL_MARK = '# Parameters\n';

/** Executions grouped into cells: by cell id, else position in the notebook, else source; in order of first execution. */
export function sessionCells(executions: readonly NotebookExecution[]): SessionCell[] {
  const cells = new Map<string, SessionCell>();
  for (const x of [...executions].sort((p, q) => p.ordinal - q.ordinal)) {
    const key = x.cell_id ? `id ${x.cell_id}` : x.cell_index ? `index ${x.cell_index}` : `source ${x.source_sha256}`;
    const cell = cells.get(key);
    if (!cell) {
      cells.set(key, { cell_index: x.cell_index || null, cell_id: x.cell_id || null, source_sha256: x.source_sha256, first: x.ordinal, executions: [x] });
      continue;
    }
    cell.executions.push(x);
    cell.source_sha256 = x.source_sha256;
    cell.cell_index = x.cell_index || cell.cell_index;
  }
  return [...cells.values()];
}

/** Pairs the cells of two sessions (see the module's comment); unmatched cells are paired with null. */
export function matchCells(a: readonly SessionCell[], b: readonly SessionCell[]): [SessionCell | null, SessionCell | null, CellMatch | null][] {
  const pairs: [SessionCell | null, SessionCell | null, CellMatch | null][] = [];
  const leftA = new Set(a);
  const leftB = new Set(b);
  const pass = (how: CellMatch, same: (x: SessionCell, y: SessionCell) => boolean): void => {
    for (const x of [...leftA]) {
      const y = [...leftB].find((c) => same(x, c));
      if (!y) continue;
      pairs.push([x, y, how]);
      leftA.delete(x);
      leftB.delete(y);
    }
  };
  const samePlace = (x: SessionCell, y: SessionCell): boolean => x.cell_index !== null && x.cell_index === y.cell_index;
  pass('cell id', (x, y) => x.cell_id !== null && x.cell_id === y.cell_id);
  pass('cell index', (x, y) => samePlace(x, y) && x.source_sha256 === y.source_sha256);
  pass('source', (x, y) => x.source_sha256 === y.source_sha256);
  pass('cell index', samePlace);
  pass('order', (x, y) => x.cell_index === null || y.cell_index === null);
  for (const x of leftA) pairs.push([x, null, null]);
  for (const y of leftB) pairs.push([null, y, null]);
  // in notebook order (B's position, else A's), cells of unknown position after, in the order they first ran
  const key = ([x, y]: [SessionCell | null, SessionCell | null, CellMatch | null]): [number, number] =>
    [y?.cell_index ?? x?.cell_index ?? Number.POSITIVE_INFINITY, y?.first ?? x?.first ?? 0];
  return pairs.sort((p, q) => key(p)[0] - key(q)[0] || key(p)[1] - key(q)[1]);
}

/** A session's outcomes in order, repeats collapsed: `ok`, `ok, error (ValueError)`. */
export function outcomes(cell: SessionCell | null): string {
  if (!cell) return '';
  const each = cell.executions.map((x) => (x.exception_type ? `${x.outcome} (${x.exception_type})` : x.outcome));
  return each.filter((o, i) => i === 0 || o !== each[i - 1]).join(', ');
}

/** The source text of a content-addressed blob ('' when not stored). */
export async function loadSourceText(sql: SqlRunner, sha: string | null): Promise<string> {
  if (!sha) return '';
  const [blob] = await rows<{ content: string | null }>(sql, `SELECT content FROM source_blobs WHERE sha256 = $1`, [sha]);
  return blob?.content ? Buffer.from(blob.content, 'base64').toString('utf8') : '';
}

/** Compares two sessions' cells; `source` gives a cell source's text by its sha256. */
export async function diffNotebookCells(a: readonly NotebookExecution[], b: readonly NotebookExecution[], source: (sha: string) => Promise<string>): Promise<CellDiff[]> {
  const out: CellDiff[] = [];
  for (const [x, y, how] of matchCells(sessionCells(a), sessionCells(b))) {
    const textA = x ? await source(x.source_sha256) : '';
    const textB = y ? await source(y.source_sha256) : '';
    const ia = x?.cell_index ?? null;
    const ib = y?.cell_index ?? null;
    const cell = ia !== null && ib !== null && ia !== ib ? `#${ia} → #${ib}`
      : (ib ?? ia) !== null ? `#${ib ?? ia}` : `(cell first run ${y?.first ?? x?.first}${y ? ' in B' : ' in A'})`;
    let change: CellDiff['change'] = !x ? 'only in B' : !y ? 'only in A' : x.source_sha256 === y.source_sha256 ? 'unchanged' : 'changed';
    if (change === 'changed' && textA.startsWith(PAPERMILL_MARK) && textB.startsWith(PAPERMILL_MARK)) change = 'parameters';
    const [oa, ob] = [outcomes(x), outcomes(y)];
    out.push({
      cell, index_a: ia, index_b: ib, matched_by: how, change,
      diff: change === 'changed' ? unifiedDiff(textA, textB, `A ${cell}`, `B ${cell}`) : '',
      first_line: (textB || textA).split('\n').find((l) => l.trim() !== '')?.trim() ?? '',
      executions_a: x?.executions.length ?? 0, executions_b: y?.executions.length ?? 0, outcomes_a: oa, outcomes_b: ob,
      ran_differently: x !== null && y !== null && (x.executions.length !== y.executions.length || oa !== ob),
    });
  }
  return out;
}

const EXECUTIONS_SQL = `SELECT ordinal, cell_index, nullif(cell_id, '') AS cell_id, source_sha256, cell_file, outcome, exception_type
  FROM cell_executions WHERE run_id = $1 ORDER BY ordinal`;

/** A notebook session's executions (none for a script run or a store without the table). */
export async function loadNotebookExecutions(sql: SqlRunner, run: Record<string, unknown>): Promise<NotebookExecution[]> {
  if (run.kind !== 'notebook') return [];
  const exists = await rows(sql, `SELECT 1 FROM information_schema.tables WHERE table_name = 'cell_executions'`, []);
  if (exists.length === 0) return [];
  return (await rows<NotebookExecution>(sql, EXECUTIONS_SQL, [String(run.run_id)])).map((x) => ({
    ...x, ordinal: Number(x.ordinal), cell_index: x.cell_index === null || x.cell_index === undefined || Number(x.cell_index) === 0 ? null : Number(x.cell_index),
  }));
}

/** The notebook section of a diff: null unless at least one of the runs is a notebook session. */
export async function diffNotebooks(sql: SqlRunner, runA: Record<string, unknown>, runB: Record<string, unknown>,
  a: readonly NotebookExecution[], b: readonly NotebookExecution[]): Promise<NotebookDiff | null> {
  if (runA.kind !== 'notebook' && runB.kind !== 'notebook') return null;
  const texts = new Map<string, Promise<string>>();
  const source = (sha: string): Promise<string> => {
    if (!texts.has(sha)) texts.set(sha, loadSourceText(sql, sha));
    return texts.get(sha)!;
  };
  const cells = await diffNotebookCells(a, b, source);
  const path = (r: Record<string, unknown>): string | null => (typeof r.notebook_path === 'string' && r.notebook_path ? r.notebook_path : null);
  return {
    path_a: path(runA), path_b: path(runB), paths_differ: path(runA) !== path(runB), cells,
    differing: cells.filter((c) => c.change !== 'unchanged' || c.ran_differently).length,
  };
}
