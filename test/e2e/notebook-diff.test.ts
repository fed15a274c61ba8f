/**
 * `labtrace diff` between two sessions of one notebook (issue 12): real ipykernel kernels started by
 * nbclient, a real daemon (shared fixture: test/support/notebook-fixture.ts). The notebook is executed,
 * one cell is edited and papermill's injected parameters change, and it is executed again: each kernel
 * compiles its cells under temporary file names of its own, so the diff matches the cells, not those
 * files; it names exactly the edited cell (with the diff of its source) and the parameter change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, sql, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { notebookFixture, skip } from '../support/notebook-fixture.js';

const nb = notebookFixture();

const cells = (alpha: string, testFrom: number): string[] => [
  'import pandas as pd\nfrom sklearn.linear_model import Ridge\nfrom sklearn.metrics import mean_squared_error',
  'alpha = 0.5',
  `# Parameters\nalpha = ${alpha}\n`,
  'df = pd.read_csv("houses.csv")\nX, y = df[["area", "rooms"]], df["price"]',
  'model = Ridge(alpha=alpha)\nmodel.fit(X[:30], y[:30])',
  'mse_train = mean_squared_error(y[:30], model.predict(X[:30]))',
  `mse_test = mean_squared_error(y[${testFrom}:], model.predict(X[${testFrom}:]))\nprint(round(mse_test, 4))`,
];
const TAGS = { 1: ['parameters'], 2: ['injected-parameters'] };

interface CellDiffJson { cell: string; change: string; diff: string; executions_a: number; executions_b: number }
interface DiffJson {
  code: { change: string }[];
  notebook: { path_a: string | null; path_b: string | null; cells: CellDiffJson[] } | null;
  parameters: { key: string; a: string | null; b: string | null; change: string }[];
  metrics: { metric: string; change: string }[];
}

test('a notebook executed twice, one cell edited and one parameter changed: diff names that cell and that parameter, nothing else', { skip }, async () => {
  const dir = nb.workdir();
  const lines = ['area,rooms,price'];
  for (let i = 0; i < 40; i++) lines.push(`${50 + i * 3},${1 + (i % 4)},${100 + i * 7 + (i % 5) * 3}`);
  writeFileSync(join(dir, 'houses.csv'), lines.join('\n') + '\n');
  const notebook = nb.writeNotebook(dir, 'ridge.ipynb', cells('0.25', 30), TAGS);
  nb.execute(dir, notebook);
  const { runId: a } = await nb.session(notebook);
  nb.writeNotebook(dir, 'ridge.ipynb', cells('2.0', 25), TAGS);
  nb.execute(dir, notebook);
  const b = await waitFor('the second session', async () => {
    const s = await nb.session(notebook);
    return s.runId !== a && s.runId;
  }, 60_000, () => storeDiagnosis(nb.daemon().home));
  for (const run of [a, b]) {
    await waitFor(`${run} correlated`, () => sql(nb.daemon().home, `SELECT 1 FROM run_analysis WHERE run_id = '${run}'`)[0], 120_000, () => storeDiagnosis(nb.daemon().home));
  }

  const text = runCli(nb.daemon().home, ['diff', a, b]);
  assert.equal(text.status, 0, text.stderr);
  const out = text.stdout;
  if (process.env.SHOW_DIFF) console.log(out);
  // the edited cell, with the diff of its source; the other cells unchanged; no cell file "only in A/B"
  assert.match(out, /^ {2}#7: changed$/m, out);
  assert.match(out, /^ {4}-mse_test = mean_squared_error\(y\[30:\], model\.predict\(X\[30:\]\)\)$/m, out);
  assert.match(out, /^ {4}\+mse_test = mean_squared_error\(y\[25:\], model\.predict\(X\[25:\]\)\)$/m, out);
  assert.doesNotMatch(out, /: only in [AB]/, out);
  assert.doesNotMatch(out, /ipykernel_\d+/, out);
  assert.doesNotMatch(out, /\?\.alpha/, out);
  assert.match(out, /^ {2}alpha \(papermill parameters\) +0\.25 +2\.0 +changed$/m, out);

  const d = JSON.parse(runCli(nb.daemon().home, ['diff', a, b, '--format', 'json']).stdout) as DiffJson;
  assert.ok(d.notebook, 'a notebook section');
  assert.deepEqual(d.code.filter((c) => c.change !== 'same'), [], JSON.stringify(d.code));
  assert.deepEqual(d.notebook.cells.map((c) => [c.cell, c.change, c.executions_a, c.executions_b]),
    [['#1', 'unchanged', 1, 1], ['#2', 'unchanged', 1, 1], ['#3', 'parameters', 1, 1], ['#4', 'unchanged', 1, 1],
      ['#5', 'unchanged', 1, 1], ['#6', 'unchanged', 1, 1], ['#7', 'changed', 1, 1]], JSON.stringify(d.notebook.cells));
  // the parameter: papermill's, and the Ridge it reached; nothing else
  assert.deepEqual(d.parameters.map((p) => [p.key, p.a, p.b, p.change]),
    [['Ridge.alpha', '0.25', '2.0', 'changed'], ['alpha (papermill parameters)', '0.25', '2.0', 'changed']], JSON.stringify(d.parameters));
  // two metrics of one function, named by their variables
  const metrics = Object.fromEntries(d.metrics.map((m) => [m.metric, m.change]));
  assert.deepEqual(Object.keys(metrics).sort(), ['mse_test', 'mse_train'], JSON.stringify(d.metrics));

  // the HTML comparison of the two sessions (labtrace report A B): the same names, the notebook as each run's name
  const report = runCli(nb.daemon().home, ['report', a, b, '-o', '-']);
  assert.equal(report.status, 0, report.stderr);
  assert.match(report.stdout, /<tr class="differs" data-key="alpha \(papermill parameters\)">/);
  assert.match(report.stdout, /<tr class="differs" data-key="mse_test">/);
  assert.match(report.stdout, /data-key="mse_train">/);
  assert.doesNotMatch(report.stdout, /\?\.alpha|mean_squared_error#2/);
  assert.match(report.stdout, /<th>script<\/th><td class=""><code>[^<]*ridge\.ipynb<\/code>/);
});
