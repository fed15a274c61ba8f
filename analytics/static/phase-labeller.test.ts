import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AnalysisCache,
  PHASES,
  StaticAnalysisError,
  analyzeFile,
  analyzeSource,
  coarseClassOfStatements,
  toCoarseClass,
  watchFiles,
  type FileAnalysis,
} from './index.js';
import { phasesAt } from '../../test/support/phases-at.js';


test('taxonomy has the 13 phases with descriptions', () => {
  assert.equal(Object.keys(PHASES).length, 13);
  for (const d of Object.values(PHASES)) assert.ok(d.length > 10);
});

test('aliases and dataflow: estimator instance methods, DataFrame methods', () => {
  const src = [
    'import pandas as pd',
    'from sklearn.linear_model import LinearRegression as LR',
    'import sklearn.metrics as m',
    'df = pd.read_csv("x.csv")',
    'df = df.dropna()',
    'df.describe()',
    'clf = LR()',
    'clf.fit(df[["a"]], df["b"])',
    'p = clf.predict(df[["a"]])',
    'm.r2_score(df["b"], p)',
  ].join('\n');
  const a = analyzeSource(src, 't.py');
  assert.deepEqual(phasesAt(a, 1), ['setup']);
  assert.deepEqual(phasesAt(a, 4), ['data_loading']);
  assert.deepEqual(phasesAt(a, 5), ['data_cleaning']);
  assert.deepEqual(phasesAt(a, 6), ['data_exploration']);
  assert.equal(phasesAt(a, 8)[0], 'model_training');
  assert.ok(a.statements.find((s) => s.start_line === 8)!.evidence.some((e) => e.startsWith('sklearn.linear_model.LinearRegression.fit -> model_training')));
  assert.equal(phasesAt(a, 9)[0], 'prediction');
  assert.equal(phasesAt(a, 10)[0], 'model_evaluation');
  assert.equal(a.statements[0]!.cell, null);
});

test('Listing 1 (no library) comes out as loading -> features -> training -> evaluation, with parameters', () => {
  const src = `def grad_desc(X, Y, alpha, iterations):
    W = zeros((X.shape[1], Y.shape[1]))
    for i in xrange(iterations):
        W -= alpha * d_cost(X, W, Y)
    return W

X_train, y_train, X_test, y_test = load(...)
X_train = zero_mean(X_train) / std(X_train)
X_test = zero_mean(X_test) / std(X_test)
W = grad_desc(X_train, y_train, 0.1, 900)
mean(abs(sigmoid(dot(X, W)) - Y))
`;
  const a = analyzeSource(src, 'listing1.py');
  assert.deepEqual([7, 8, 10, 11].map((l) => phasesAt(a, l)[0]), ['data_loading', 'feature_engineering', 'model_training', 'model_evaluation']);
  assert.deepEqual(a.functions, [{ name: 'grad_desc', start_line: 1, end_line: 5, phases: ['model_training'] }]);
  assert.deepEqual(a.parameters, [
    { name: 'alpha', value: 0.1, line: 10, cell: null, call: 'grad_desc' },
    { name: 'iterations', value: 900, line: 10, cell: null, call: 'grad_desc' },
  ]);
});

test('hyper-parameters of estimators and training calls', () => {
  const a = analyzeSource('from sklearn.ensemble import RandomForestClassifier\nclf = RandomForestClassifier(n_estimators=100, criterion="gini")\n', 'h.py');
  assert.deepEqual(a.parameters.map((p) => [p.name, p.value, p.call]), [
    ['n_estimators', 100, 'sklearn.ensemble.RandomForestClassifier'],
    ['criterion', 'gini', 'sklearn.ensemble.RandomForestClassifier'],
  ]);
});

test('notebooks: cells indexed in the cells array, IPython syntax analysed around', () => {
  const nb = {
    cells: [
      { cell_type: 'markdown', source: ['# title'] },
      { cell_type: 'code', source: ['%matplotlib inline\n', 'import pandas as pd\n', '!pip install x\n', 'df = pd.read_csv("a.csv")'] },
      { cell_type: 'code', source: 'df?\ndf.head()\n' },
      { cell_type: 'code', source: 'model.fit(X_train, y_train)\n' },
    ],
    nbformat: 4,
  };
  const a = analyzeSource(JSON.stringify(nb), 'n.ipynb');
  assert.deepEqual(phasesAt(a, 1, 1), ['setup']);
  assert.deepEqual(phasesAt(a, 4, 1), ['data_loading']);
  assert.deepEqual(phasesAt(a, 2, 2), ['data_exploration']);
  assert.deepEqual(phasesAt(a, 1, 3), ['model_training']);
  // df? reads documentation: no phase of the work (a trailing comment, as in the corpus's labels, is allowed)
  assert.deepEqual(phasesAt(a, 1, 2), ['other']);
  const help = analyzeSource(JSON.stringify({ cells: [{ cell_type: 'code', source: 'pd.read_csv?  # a comment\n' }], nbformat: 4 }), 'h.ipynb');
  assert.deepEqual(phasesAt(help, 1, 0), ['other']);
});

test('syntax errors give partial results; bad inputs give typed errors', async () => {
  const a = analyzeSource('import pandas as pd\ndf = pd.read_csv("x.csv")\ndef broken(:\n    pass\ndf.head()\n', 'e.py');
  assert.ok(a.detail!.syntax_errors > 0);
  assert.deepEqual(phasesAt(a, 2), ['data_loading']);
  assert.deepEqual(phasesAt(a, 5), ['data_exploration']);
  assert.throws(() => analyzeSource('   \n', 'empty.py'), (e: unknown) => e instanceof StaticAnalysisError && e.code === 'EMPTY');
  assert.throws(() => analyzeSource('a,b\n1,2\n', 'data.csv'), (e: unknown) => e instanceof StaticAnalysisError && e.code === 'NOT_PYTHON');
  assert.throws(() => analyzeSource('x = 1\n'.repeat(1_000_000), 'big.py'), (e: unknown) => e instanceof StaticAnalysisError && e.code === 'TOO_LARGE');
  assert.throws(() => analyzeSource('{"cells": 3, "nbformat": 4}', 'bad.ipynb'), (e: unknown) => e instanceof StaticAnalysisError && e.code === 'BAD_NOTEBOOK');
  await assert.rejects(analyzeFile('/nonexistent/x.py'), (e: unknown) => e instanceof StaticAnalysisError && e.code === 'ENOENT');
});

test('coarse classes', () => {
  assert.equal(toCoarseClass('setup'), 'library loading');
  assert.equal(toCoarseClass('data_cleaning'), 'data preparation');
  assert.equal(toCoarseClass('data_exploration', ['seaborn.heatmap -> data_exploration']), 'visualization');
  assert.equal(toCoarseClass('data_exploration', ['pandas.DataFrame.describe -> data_exploration']), 'data preparation');
  assert.equal(toCoarseClass('model_evaluation'), 'model building and training');
  assert.equal(toCoarseClass('other'), null);
  const a = analyzeSource('import seaborn as sns\nimport pandas as pd\ndf = pd.read_csv("a")\nsns.heatmap(df.corr())\n', 'c.py');
  assert.equal(coarseClassOfStatements(a.statements.filter((s) => s.start_line === 4)), 'visualization');
});

test('AnalysisCache hits by content hash; watchFiles re-analyses a changed file', async () => {
  const cache = new AnalysisCache();
  const a1 = cache.analyzeSource('import numpy as np\n', 'a.py');
  const a2 = cache.analyzeSource('import numpy as np\n', 'a.py');
  assert.equal(a1, a2);
  assert.equal(cache.stats().hits, 1);
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-static-'));
  const file = join(dir, 's.py');
  writeFileSync(file, 'import pandas as pd\n');
  const seen: FileAnalysis[] = [];
  const w = await watchFiles(dir, (a) => seen.push(a));
  try {
    const deadline = Date.now() + 5000;
    while (seen.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    writeFileSync(file, 'import pandas as pd\ndf = pd.read_csv("x.csv")\n');
    while (!seen.some((a) => a.statements.length === 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(seen.some((a) => a.statements.length === 2 && a.statements[1]!.phases[0] === 'data_loading'), 'change was re-analysed');
  } finally {
    await w.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
