/**
 * Which names a statement reads (the def-use half of lineage), a sweep's lineage statement by statement
 * inside the loop body with one node per metric (issue 11), and lineage across the cells of a notebook
 * session in the order they ran, with the chain of executions behind a metric (issue 12).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLineage, lineageChain, lineageToDot, readNames } from './lineage.js';
import type { SqlRunner } from '../../common/sql-source.js';

test('right-hand side identifiers, not attributes, strings or the target', () => {
  assert.deepEqual([...readNames('X_train = zero_mean(X_train) / std(X_train)')].sort(), ['X_train', 'std', 'zero_mean']);
  assert.deepEqual([...readNames('houses = pd.read_csv("data/apartments.csv")')].sort(), ['pd']);
  assert.deepEqual([...readNames('W -= alpha * d_cost(X, W, Y)')].sort(), ['W', 'X', 'Y', 'alpha', 'd_cost']);
  assert.deepEqual([...readNames('model.fit(X_train, y_train)  # train')].sort(), ['X_train', 'model', 'y_train']);
  assert.deepEqual([...readNames('error = mean_absolute_error(y_test, model.predict(X_test))')].sort(), ['X_test', 'mean_absolute_error', 'model', 'y_test']);
  assert.deepEqual([...readNames('ok = a == b')].sort(), ['a', 'b']);
});

/** A store's answers to the lineage's queries, by table (the run id is the only parameter). */
function fakeStore(tables: Record<string, Record<string, unknown>[]>): SqlRunner {
  return async (sql) => {
    if (sql.includes('information_schema')) {
      const present = sql.includes('cell_executions') ? tables.cells !== undefined : (tables.hasPhases ?? []).length > 0;
      return { columns: ['one'], rows: present ? [[1]] : [] };
    }
    const table = sql.includes('FROM cell_executions') ? 'cells' : sql.includes('run_sources') ? 'sources' : sql.includes('statement_phases') ? 'ranges'
      : sql.includes('FROM variables') ? 'variables' : sql.includes('FROM file_accesses') ? 'files' : sql.includes('FROM hyperparameters') ? 'models' : 'metrics';
    // statement_phases rows carry top_level: a query that asks for it gets only those.
    const list = (tables[table] ?? []).filter((r) => !(table === 'ranges' && sql.includes('top_level')) || r.top_level);
    const columns = list.length ? Object.keys(list[0]!) : [];
    return { columns, rows: list.map((r) => columns.map((c) => r[c])) };
  };
}

const SWEEP = [
  'import pandas as pd', 'from sklearn.linear_model import Ridge', 'from sklearn.metrics import mean_squared_error',
  'df = pd.read_csv("d.csv")', 'X = df[["x"]]', 'y = df["y"]', 'noise = X * 0',
  'for alpha in [0.1, 1.0]:', '    model = Ridge(alpha=alpha).fit(X, y)', '    pred = model.predict(X)', '    mse = mean_squared_error(y, pred)', '    log = noise + 1',
  'best = min(mse, 1)',
].join('\n');

test('a sweep: each statement of the loop body reads its own names, and each metric is one node', async () => {
  const F = '/p/sweep.py';
  const range = (start_line: number, end_line = start_line): Record<string, unknown> => ({ file: F, start_line, end_line, top_level: start_line < 9 || start_line > 12 });
  let t = 0;
  const v = (name: string, line: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name, line, file: F, object_id: 1000 + t, type: 'float', shape: null, t_ns: (t += 10), ...extra });
  const variables = [v('df', 4, { type: 'DataFrame' }), v('X', 5), v('y', 6), v('noise', 7)];
  const metrics: Record<string, unknown>[] = [];
  const models: Record<string, unknown>[] = [];
  for (const [k, mse] of [[0, 0.5], [1, 0.25]] as const) {
    variables.push(v('alpha', 8));
    variables.push(v('model', 9, { object_id: 100 + k, type: 'Ridge' }));
    models.push({ object_id: 100 + k, estimator: 'sklearn.linear_model.Ridge', line: 9, file: F, t_ns: t - 5 });
    variables.push(v('pred', 10));
    // The call's return and the variable it is assigned to: two rows of the store, one metric.
    metrics.push({ function: 'sklearn.metrics._regression.mean_squared_error', name: 'mse', source: 'return', value: mse, line: 11, file: F, t_ns: t + 5 });
    metrics.push({ function: 'mse', name: null, source: 'variable', value: mse, line: 11, file: F, t_ns: t + 6 });
    variables.push(v('mse', 11));
    variables.push(v('log', 12));
  }
  variables.push(v('best', 13));
  const l = await buildLineage(fakeStore({
    hasPhases: [{ one: 1 }],
    sources: [{ path: F, content: Buffer.from(SWEEP).toString('base64') }],
    ranges: [range(8, 12), ...[1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13].map((n) => range(n))],
    variables, files: [{ path: '/p/d.csv', line: 4, file: F, is_write: false, t_ns: 5 }], models, metrics,
  }), 'r');
  const label = (id: string): string => l.nodes.find((n) => n.id === id)!.label;
  const short = (id: string): string => (l.nodes.find((n) => n.id === id)!.kind === 'model' ? 'model' : label(id).split(' ')[0]!);
  const into = (pattern: RegExp): string[] => [...new Set(l.edges.filter((e) => pattern.test(label(e.to))).map((e) => short(e.from)))].sort();
  // The loop's last statement reads only noise; the metric only what its call reads (not log, noise or alpha).
  assert.deepEqual(into(/^log\b/), ['noise']);
  assert.deepEqual(into(/^mse = /), ['pred', 'y']);
  assert.deepEqual(into(/^pred\b/), ['X', 'model']);
  assert.deepEqual(into(/^(model: )?Ridge$/), ['X', 'alpha', 'y']);
  // One node per metric value (two iterations: two), none for the variable mse besides them; `best` reads the last one.
  const metricNodes = l.nodes.filter((n) => n.kind === 'metric').map((n) => n.label).sort();
  assert.deepEqual(metricNodes, ['mse = 0.25 (mean_squared_error)', 'mse = 0.5 (mean_squared_error)']);
  assert.equal(l.nodes.filter((n) => /^mse\b/.test(n.label) && n.kind !== 'metric').length, 0, JSON.stringify(l.nodes));
  const best = l.nodes.find((n) => n.label === 'best')!;
  assert.deepEqual(l.edges.filter((e) => e.to === best.id).map((e) => label(e.from)), ['mse = 0.25 (mean_squared_error)']);
});

test('a notebook session: names flow between cells in the order they ran, each node labelled with its execution', async () => {
  // cells: #1 df = read, #2 X = f(df), #3 model, #4 mse; run 1 2 3 4, then #2 edited (another cell file) and 3 4 again
  const CELLS: Record<string, string> = {
    '/k/c1.py': 'df = pd.read_csv("d.csv")', '/k/c2.py': 'X = df[["a"]]', '/k/c2b.py': 'X = df[["a", "b"]]',
    '/k/c3.py': 'model = Ridge().fit(X, df["y"])', '/k/c4.py': 'mse = mean_squared_error(df["y"], model.predict(X))',
  };
  const order = ['/k/c1.py', '/k/c2.py', '/k/c3.py', '/k/c4.py', '/k/c2b.py', '/k/c3.py', '/k/c4.py'];
  const index: Record<string, number> = { '/k/c1.py': 1, '/k/c2.py': 2, '/k/c2b.py': 2, '/k/c3.py': 3, '/k/c4.py': 4 };
  const cells = order.map((file, i) => ({ ordinal: i + 1, execution_count: i + 1, cell_index: index[file], t_start_ns: 100 * (i + 1), first_line: CELLS[file] }));
  const variables: Record<string, unknown>[] = [];
  const models: Record<string, unknown>[] = [];
  const metrics: Record<string, unknown>[] = [];
  order.forEach((file, i) => {
    const t = 100 * (i + 1) + 50;
    const name = CELLS[file]!.split(' ')[0]!;
    if (name === 'model') models.push({ object_id: 7, estimator: 'sklearn.linear_model.Ridge', line: 1, file, t_ns: t - 1 });
    if (name === 'mse') metrics.push({ function: 'sklearn.metrics.mean_squared_error', name: 'mse', source: 'return', value: i, line: 1, file, t_ns: t - 1 });
    // the same object id for both models: CPython reuses a freed object's id
    variables.push({ name, line: 1, file, object_id: name === 'model' ? 7 : 1000 + i, type: name === 'model' ? 'Ridge' : 'DataFrame', shape: file === '/k/c2b.py' ? '(9, 2)' : null, t_ns: t });
  });
  const l = await buildLineage(fakeStore({
    hasPhases: [], cells,
    sources: Object.entries(CELLS).map(([path, text]) => ({ path, content: Buffer.from(text).toString('base64') })),
    variables, files: [{ path: '/k/d.csv', line: 1, file: '/k/c1.py', is_write: false, t_ns: 140 }], models, metrics,
  }), 'nb');
  const byExecution = (n: number): string[] => l.nodes.filter((x) => x.execution === n).map((x) => x.label);
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(byExecution), [['df'], ['X'], ['Ridge'], ['mse = 3 (mean_squared_error)'], ['X (9, 2)'], ['Ridge'], ['mse = 6 (mean_squared_error)']]);
  assert.equal(l.nodes.find((x) => x.label === 'X (9, 2)')!.cell, 'In [5] cell #2');
  const chain = lineageChain(l, 'mse')!;
  assert.equal(chain.target.label, 'mse = 6 (mean_squared_error)');
  assert.deepEqual(chain.executions.map((x) => [x.ordinal, x.produced]), [[1, ['df']], [5, ['X (9, 2)']], [6, ['Ridge']], [7, ['mse = 6 (mean_squared_error)']]]);
  assert.deepEqual(chain.lineage.nodes.map((n) => n.label).sort(), ['/k/d.csv', 'Ridge', 'X (9, 2)', 'df', 'mse = 6 (mean_squared_error)']);
  // the first metric's chain is the first executions; a model by its class, a file by its name
  assert.deepEqual(lineageChain({ ...l, nodes: l.nodes.filter((n) => n.label !== 'mse = 6 (mean_squared_error)') }, 'mse')!.executions.map((x) => x.ordinal), [1, 2, 3, 4]);
  assert.deepEqual(lineageChain(l, 'Ridge')!.executions.map((x) => x.ordinal), [1, 5, 6]);
  assert.deepEqual(lineageChain(l, 'd.csv')!.lineage.nodes.map((n) => n.label), ['/k/d.csv']);
  assert.equal(lineageChain(l, 'nothing'), undefined);
  assert.match(lineageToDot(l), /label="X \(9, 2\)\\nIn \[5\] cell #2"/);
});

test('a sweep as the agent records it: each metric reads the pred and model of its own iteration', async () => {
  // The agent records a loop's variables once, at the loop's end (line = the loop's header), but its
  // models and metrics at each iteration, with their trial.
  const F = '/p/loop.py';
  const SRC = ['from sklearn.linear_model import Ridge', 'from sklearn.metrics import mean_squared_error', 'X, y, Xt, yt = data()',
    'alphas = [0.1, 1.0, 10.0]', 'for a in alphas:', '    m = Ridge(alpha=a).fit(X, y)', '    pred = m.predict(Xt)', '    mse = mean_squared_error(yt, pred)',
    'print(mse)'].join('\n');
  let t = 0;
  const v = (name: string, line: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name, line, file: F, object_id: 1000 + t, type: 'ndarray', shape: null, t_ns: (t += 10), ...extra });
  const variables = ['X', 'y', 'Xt', 'yt'].map((n) => v(n, 3)).concat([v('alphas', 4)]);
  const models: Record<string, unknown>[] = [];
  const metrics: Record<string, unknown>[] = [];
  // the same object id for the first and third model: CPython reuses a freed object's id
  [[1, 500, 0.5], [2, 501, 0.25], [3, 500, 0.125]].forEach(([trial, id, mse]) => {
    models.push({ object_id: id, estimator: 'sklearn.linear_model.Ridge', line: 6, file: F, t_ns: (t += 10), trial_no: trial });
    metrics.push({ function: 'sklearn.metrics._regression.mean_squared_error', name: 'mse', source: 'return', value: mse, line: 8, file: F, t_ns: (t += 10), trial_no: trial });
  });
  const end = (t += 10);
  for (const [name, extra] of [['a', { type: 'float' }], ['m', { object_id: 500, type: 'sklearn.Ridge' }], ['pred', { shape: '(50,)' }], ['mse', { type: 'float' }]] as const) {
    variables.push({ ...v(name, 5, extra), t_ns: end });
  }
  const l = await buildLineage(fakeStore({
    hasPhases: [{ one: 1 }],
    sources: [{ path: F, content: Buffer.from(SRC).toString('base64') }],
    ranges: [[1, 1], [2, 2], [3, 3], [4, 4], [5, 8], [9, 9]].map(([start_line, end_line]) => ({ file: F, start_line, end_line, top_level: true })),
    variables, files: [], models, metrics,
  }), 'r');
  const node = (id: string) => l.nodes.find((n) => n.id === id)!;
  const from = (id: string): string[] => l.edges.filter((e) => e.to === id).map((e) => e.from).sort();
  const mses = l.nodes.filter((n) => n.kind === 'metric');
  assert.deepEqual(mses.map((n) => n.label), ['mse = 0.5 (mean_squared_error)', 'mse = 0.25 (mean_squared_error)', 'mse = 0.125 (mean_squared_error)']);
  const ridges = l.nodes.filter((n) => n.kind === 'model');
  assert.equal(ridges.length, 3, 'one model per iteration, though two share an object id');
  mses.forEach((metric, k) => {
    // mse <- pred (this iteration's) and yt; pred <- this iteration's model and Xt; the model <- this iteration's a, X, y
    const preds = from(metric.id).filter((id) => node(id).label.startsWith('pred'));
    assert.equal(preds.length, 1, `${metric.label}: ${JSON.stringify(from(metric.id))}`);
    assert.ok(from(metric.id).some((id) => node(id).label === 'yt'));
    const models = from(preds[0]!).filter((id) => node(id).kind === 'model');
    assert.deepEqual(models, [ridges[k]!.id], `${metric.label}: its pred comes from model ${k + 1}`);
    const alpha = from(ridges[k]!.id).filter((id) => node(id).label === 'a');
    assert.equal(alpha.length, 1);
    assert.deepEqual(from(alpha[0]!).map((id) => node(id).label), ['alphas']);
  });
  // the loop's variables recorded at its end are its last iteration's nodes, not more of them
  assert.equal(l.nodes.filter((n) => n.label.startsWith('pred')).length, 3);
  assert.equal(l.nodes.filter((n) => n.label === 'pred (50,)').length, 1);
  assert.equal(l.nodes.filter((n) => n.label === 'a').length, 3);
});
