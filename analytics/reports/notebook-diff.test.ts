/**
 * Matching two notebook sessions' cells (issue 12), on executions built here: by cell id, position in
 * the notebook, source, then order of first execution; and `labtrace diff` of two notebook records
 * whose kernels compiled the same cells under different temporary files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { SqlRunner } from '../../common/sql-source.js';
import type { RunRecord } from './run-record.js';
import { diffNotebookCells, matchCells, sessionCells, type NotebookExecution } from './notebook-diff.js';
import { diffRuns, metricsByName, paramKey } from './run-diff.js';
import { renderRunDiff } from './render-diff.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Executions of SOURCES in order; INDEX: each one's cell position (null: not known); ID: cell ids. */
function session(sources: string[], o: { index?: (number | null)[]; id?: (string | null)[]; outcome?: (string | null)[]; kernel?: number } = {}): NotebookExecution[] {
  return sources.map((source, i) => ({
    ordinal: i + 1, cell_index: o.index ? o.index[i]! : i + 1, cell_id: o.id?.[i] ?? null, source_sha256: sha(source),
    cell_file: `/tmp/ipykernel_${o.kernel ?? 1}/${sha(source).slice(0, 8)}.py`,
    outcome: o.outcome?.[i] ? 'error' : 'ok', exception_type: o.outcome?.[i] ?? null,
  }));
}

const texts = (...sources: string[][]): ((s: string) => Promise<string>) => {
  const m = new Map(sources.flat().map((s) => [sha(s), s]));
  return async (s) => m.get(s) ?? '';
};

const CELLS = ['import numpy as np', 'x = np.arange(10)', 'y = x * 2', 'print(y.sum())'];

test('by position in the notebook: the edited cell is changed, with the diff of its source; the others unchanged', async () => {
  const b = [...CELLS];
  b[2] = 'y = x * 3';
  const cells = await diffNotebookCells(session(CELLS), session(b, { kernel: 2 }), texts(CELLS, b));
  assert.deepEqual(cells.map((c) => [c.cell, c.change, c.matched_by]),
    [['#1', 'unchanged', 'cell index'], ['#2', 'unchanged', 'cell index'], ['#3', 'changed', 'cell index'], ['#4', 'unchanged', 'cell index']]);
  assert.equal(cells[2]!.diff, '--- A #3\n+++ B #3\n@@ -1,1 +1,1 @@\n-y = x * 2\n+y = x * 3\n');
});

test('a cell inserted: cell ids keep the others matched (moved, unchanged), the new one is only in B', async () => {
  const b = [CELLS[0]!, 'x0 = 1', ...CELLS.slice(1)];
  const cells = await diffNotebookCells(session(CELLS, { id: ['a', 'b', 'c', 'd'] }), session(b, { id: ['a', 'new', 'b', 'c', 'd'] }), texts(CELLS, b));
  assert.deepEqual(cells.map((c) => [c.cell, c.change]),
    [['#1', 'unchanged'], ['#2', 'only in B'], ['#2 → #3', 'unchanged'], ['#3 → #4', 'unchanged'], ['#4 → #5', 'unchanged']]);
  // without ids, the moved cells are still matched, by their source
  const noIds = await diffNotebookCells(session(CELLS), session(b), texts(CELLS, b));
  assert.deepEqual(noIds.map((c) => [c.cell, c.change, c.matched_by]),
    [['#1', 'unchanged', 'cell index'], ['#2', 'only in B', null], ['#2 → #3', 'unchanged', 'source'], ['#3 → #4', 'unchanged', 'source'], ['#4 → #5', 'unchanged', 'source']]);
  // a cell edited in place while another cell holds its old source elsewhere: the position wins
  const dup = await diffNotebookCells(session(['x = 1', 'y = 2', 'x = 2']), session(['x = 2', 'y = 2', 'x = 2']), texts(['x = 1', 'y = 2', 'x = 2']));
  assert.deepEqual(dup.map((c) => [c.cell, c.change]), [['#1', 'changed'], ['#2', 'unchanged'], ['#3', 'unchanged']]);
});

test('position not known (no notebook path): matched by source, then by order of first execution', () => {
  const unknown = (n: number): (number | null)[] => Array.from({ length: n }, () => null);
  const b = ['y = x * 3', 'import numpy as np', 'x = np.arange(10)', 'print(y.sum())'];
  const pairs = matchCells(sessionCells(session(CELLS, { index: unknown(4) })), sessionCells(session(b, { index: unknown(4) })));
  assert.deepEqual(pairs.map(([x, y, how]) => [x?.first ?? null, y?.first ?? null, how]),
    [[3, 1, 'order'], [1, 2, 'source'], [2, 3, 'source'], [4, 4, 'source']]);
  // two known, different positions are two cells, not an edit
  const known = matchCells(sessionCells(session(['a = 1'], { index: [5] })), sessionCells(session(['a = 2'], { index: [6] })));
  assert.deepEqual(known.map(([x, y, how]) => [x?.cell_index ?? null, y?.cell_index ?? null, how]), [[5, null, null], [null, 6, null]]);
});

test('executions and outcomes that differ; a cell run again is one cell; papermill parameters apart', async () => {
  const a = ['# Parameters\nalpha = 0.1\n', 'fit(alpha)', 'score()'];
  const b = ['# Parameters\nalpha = 0.2\n', 'fit(alpha)', 'score()', 'fit(alpha)'];
  const cells = await diffNotebookCells(session(a), session(b, { index: [1, 2, 3, 2], outcome: [null, null, null, 'ValueError'] }), texts(a, b));
  assert.deepEqual(cells.map((c) => [c.cell, c.change, c.executions_a, c.executions_b, c.outcomes_a, c.outcomes_b, c.ran_differently]), [
    ['#1', 'parameters', 1, 1, 'ok', 'ok', false],
    ['#2', 'unchanged', 1, 2, 'ok', 'ok, error (ValueError)', true],
    ['#3', 'unchanged', 1, 1, 'ok', 'ok', false],
  ]);
});

/** A store holding two sessions' executions and sources, answering the queries the diff makes. */
function store(executions: Record<string, NotebookExecution[]>, sources: string[]): SqlRunner {
  const blobs = new Map(sources.map((s) => [sha(s), Buffer.from(s).toString('base64')]));
  return async (query, params = []) => {
    if (query.includes('information_schema')) return { columns: ['x'], rows: [[1]] };
    if (query.includes('FROM cell_executions')) {
      const cols = ['ordinal', 'cell_index', 'cell_id', 'source_sha256', 'cell_file', 'outcome', 'exception_type'] as const;
      return { columns: [...cols], rows: (executions[String(params[0])] ?? []).map((x) => cols.map((c) => x[c])) };
    }
    if (query.includes('FROM source_blobs')) return { columns: ['content'], rows: blobs.has(String(params[0])) ? [[blobs.get(String(params[0]))]] : [] };
    return { columns: [], rows: [] };
  };
}

function notebookRecord(id: string, path: string, cells: NotebookExecution[], alpha: string): RunRecord {
  return {
    run: { run_id: id, kind: 'notebook', notebook_path: path, script: 'ipykernel_launcher', python_implementation: 'CPython', python_version: '3.11.7', backend: 'setprofile', os: 'Linux', hostname: 'h' },
    analysis: { status: 'ok', message: null }, phases: [], timeline: [], slowest_statements: [], data: [], datasets: [],
    parameters: [{ estimator: null, name: 'alpha', value: alpha, type: 'float', is_default: false, line: 2, source: 'papermill' }],
    metrics: [
      { function: 'sklearn.metrics._regression.mean_squared_error', name: 'mse_train', value: 0.5, repr: null, line: 1, source: 'return' },
      { function: 'sklearn.metrics._regression.mean_squared_error', name: 'mse_test', value: 0.7, repr: null, line: 1, source: 'return' },
    ],
    environment: { distributions: [], variables: [], git: null },
    sources: cells.map((x) => ({ path: x.cell_file!, sha256: x.source_sha256 })), overhead: {}, cells: [],
  };
}

test('diff of two notebook records: cells instead of kernel files, clean parameter and metric names, the notebook paths', async () => {
  const b = [...CELLS];
  b[1] = 'x = np.arange(20)';
  const [ea, eb] = [session(CELLS, { kernel: 1 }), session(b, { kernel: 2 })];
  const a = notebookRecord('A', '/p/nb.ipynb', ea, '0.1');
  const rb = notebookRecord('B', '/p/nb-copy.ipynb', eb, '0.2');
  const d = await diffRuns(store({ A: ea, B: eb }, [...CELLS, ...b]), a, rb);
  assert.deepEqual(d.code.map((c) => [c.file_a, c.change]), [['ipykernel_launcher', 'same']]);
  assert.deepEqual(d.notebook?.cells.map((c) => [c.cell, c.change]), [['#1', 'unchanged'], ['#2', 'changed'], ['#3', 'unchanged'], ['#4', 'unchanged']]);
  assert.deepEqual([d.notebook?.path_a, d.notebook?.path_b, d.notebook?.paths_differ], ['/p/nb.ipynb', '/p/nb-copy.ipynb', true]);
  assert.deepEqual(d.parameters.map((p) => [p.key, p.a, p.b]), [['alpha (papermill parameters)', '0.1', '0.2']]);
  assert.deepEqual(d.metrics.map((m) => [m.metric, m.change]), [['mse_train', 'same'], ['mse_test', 'same']]);
  assert.equal(d.identical, false);
  const text = renderRunDiff(d);
  assert.match(text, /^notebook\n {2}A \/p\/nb\.ipynb\n {2}B \/p\/nb-copy\.ipynb\ncells \(4 cells: 3 unchanged, 1 changed\)\n {2}unchanged: #1, #3, #4\n {2}#2: changed\n {4}--- A #2\n {4}\+\+\+ B #2\n/m, text);
  assert.doesNotMatch(text, /ipykernel_\d|\?\.alpha|mean_squared_error/, text);
  assert.equal(paramKey(a.parameters[0]!), 'alpha (papermill parameters)');
  assert.deepEqual([...metricsByName(a).keys()], ['mse_train', 'mse_test']);
  // the same session against itself: identical
  assert.equal((await diffRuns(store({ A: ea }, CELLS), a, a)).identical, true);
});
