/**
 * `labtrace lineage` across the cells of a notebook session (issue 12): a real ipykernel kernel started
 * by nbclient, a real daemon (shared fixture: test/support/notebook-fixture.ts). Cell 1 reads a CSV into
 * df, cell 2 derives X, y from df, cell 3 fits a model, cell 4 computes a metric; then cell 2 is edited
 * and executed again, out of order, and cells 3 and 4 after it. The metric's chain is the executions
 * that really produced it: the name a cell reads comes from the last execution that defined it before
 * (execution order, not cell order), so the first executions of cells 2-4 are not in it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, sql, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { notebookFixture, skip } from '../support/notebook-fixture.js';

const nb = notebookFixture();

const cells = [
  'import pandas as pd\nfrom sklearn.linear_model import Ridge\nfrom sklearn.metrics import mean_squared_error',
  'df = pd.read_csv("houses.csv")',
  'X, y = df[["area"]], df["price"]',
  'model = Ridge(alpha=0.5)\nmodel.fit(X, y)',
  'mse = mean_squared_error(y, model.predict(X))\nprint(round(mse, 4))',
];
const DERIVE_AGAIN = 'X, y = df[["area", "rooms"]], df["price"]';

interface ChainJson {
  target: { id: string; label: string };
  executions: { ordinal: number; execution_count: number | null; cell_index: number | null; produced: string[] }[];
}
interface LineageJson { nodes: { id: string; kind: string; label: string; cell: string | null; execution: number | null }[]; edges: { from: string; to: string }[] }

test('a metric\'s chain of cell executions: the read, the re-executed derive, the fit, the metric', { skip }, async () => {
  const dir = nb.workdir();
  const lines = ['area,rooms,price'];
  for (let i = 0; i < 40; i++) lines.push(`${50 + i * 3},${1 + (i % 4)},${100 + i * 7 + (i % 5) * 3}`);
  writeFileSync(join(dir, 'houses.csv'), lines.join('\n') + '\n');
  const notebook = nb.writeNotebook(dir, 'lineage.ipynb', cells);
  nb.execute(dir, notebook, { order: [0, 1, 2, 3, 4, [2, DERIVE_AGAIN], 3, 4] });
  const { runId, executions } = await nb.session(notebook);
  await waitFor(`${runId} correlated`, () => sql(nb.daemon().home, `SELECT 1 FROM run_analysis WHERE run_id = '${runId}'`)[0], 120_000, () => storeDiagnosis(nb.daemon().home));
  assert.deepEqual(executions.map((x) => [x.cell_index, x.outcome]),
    [[1, 'ok'], [2, 'ok'], [3, 'ok'], [4, 'ok'], [5, 'ok'], [3, 'ok'], [4, 'ok'], [5, 'ok']], JSON.stringify(executions));
  const [, read, , , , deriveAgain, fitAgain, metricAgain] = executions;

  if (process.env.SHOW_LINEAGE) console.log(runCli(nb.daemon().home, ['lineage', runId, '--format', 'csv']).stdout);
  const chain = runCli(nb.daemon().home, ['lineage', runId, '--of', 'mse', '--format', 'json']);
  assert.equal(chain.status, 0, chain.stderr);
  const c = JSON.parse(chain.stdout) as ChainJson;
  assert.match(c.target.label, /^mse = /, chain.stdout);
  assert.deepEqual(c.executions.map((x) => x.ordinal), [read!.ordinal, deriveAgain!.ordinal, fitAgain!.ordinal, metricAgain!.ordinal], chain.stdout);
  assert.deepEqual(c.executions.map((x) => [x.execution_count, x.cell_index]),
    [read, deriveAgain, fitAgain, metricAgain].map((x) => [x!.execution_count, x!.cell_index]), chain.stdout);

  // the text: one line per execution, In [n] and the cell's position
  const text = runCli(nb.daemon().home, ['lineage', runId, '--of', 'mse']);
  assert.equal(text.status, 0, text.stderr);
  if (process.env.SHOW_LINEAGE) console.log(text.stdout);
  for (const x of [read, deriveAgain, fitAgain, metricAgain]) assert.match(text.stdout, new RegExp(`^ *${x!.ordinal} +\\[${x!.execution_count}\\] +#${x!.cell_index} `, 'm'), text.stdout);
  assert.doesNotMatch(text.stdout, new RegExp(`^ *${executions[2]!.ordinal} +\\[`, 'm'), text.stdout);

  // the whole graph: nodes labelled with their execution; the re-executed X is a node of its own, read from
  // the df of the read's execution, and the first X (cell 3's first execution) feeds only the first model
  const whole = JSON.parse(runCli(nb.daemon().home, ['lineage', runId, '--format', 'json']).stdout) as LineageJson;
  const xs = whole.nodes.filter((n) => n.kind === 'variable' && n.label.startsWith('X '));
  assert.deepEqual(xs.map((n) => n.execution), [executions[2]!.ordinal, deriveAgain!.ordinal], JSON.stringify(whole.nodes));
  assert.deepEqual(xs.map((n) => n.cell), [`In [${executions[2]!.execution_count}] cell #3`, `In [${deriveAgain!.execution_count}] cell #3`]);
  const df = whole.nodes.find((n) => n.label.startsWith('df '));
  assert.equal(df?.execution, read!.ordinal, JSON.stringify(whole.nodes));
  for (const x of xs) assert.ok(whole.edges.some((e) => e.from === df!.id && e.to === x.id), JSON.stringify(whole.edges));
  const dot = runCli(nb.daemon().home, ['lineage', runId, '--format', 'dot']).stdout;
  assert.match(dot, new RegExp(`label="X \\([^"]*\\)\\\\nIn \\[${deriveAgain!.execution_count}\\] cell #3"`), dot);
});
