/**
 * papermill's parameters (issue 12): papermill injects a cell, tagged `injected-parameters`, whose first
 * line is "# Parameters" and whose assignments override the notebook's `parameters` cell. The kernel sees
 * only the cell's source (no tags): that comment marks it, and its assignments are the session's
 * parameters (hyperparameters, source 'papermill'), attributed to that execution.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli, runTraced, sql, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { notebookFixture, skip, venvHas, VENV_PY } from '../support/notebook-fixture.js';

const nb = notebookFixture();

const PARAMETERS = 'alpha = 0.5\nname = "baseline"';
const BODY = 'result = {"alpha": alpha, "name": name, "score": round(1 - alpha / 10, 4)}\nprint(result)';

interface Parameter { name: string; value: string; type: string | null; t_ns: number; ordinal: number | null }

function parametersOf(runId: string): Parameter[] {
  return sql<Parameter>(nb.daemon().home, `SELECT h.name, h.value, h.type, h.t_ns::DOUBLE AS t_ns,
      (SELECT x.ordinal FROM cell_executions x WHERE x.run_id = h.run_id AND h.t_ns BETWEEN x.t_start_ns AND x.t_end_ns) AS ordinal
    FROM hyperparameters h WHERE h.run_id = '${runId}' AND h.source = 'papermill' ORDER BY h.line`);
}

test('a cell injected by papermill ("# Parameters"): its assignments are the parameters of its execution', { skip }, async () => {
  const dir = nb.workdir();
  // the notebook as papermill writes it before executing it: the injected cell after the parameters cell
  const notebook = nb.writeNotebook(dir, 'params.ipynb', [PARAMETERS, '# Parameters\nalpha = 0.25\nname = "tuned"\nlayers = [64, 32]\n', BODY],
    { 0: ['parameters'], 1: ['injected-parameters'] });
  const outputs = nb.execute(dir, notebook) as Array<Array<{ text?: string }>>;
  assert.equal(outputs[2]![0]!.text, "{'alpha': 0.25, 'name': 'tuned', 'score': 0.975}\n");
  const { runId } = await nb.session(notebook);
  assert.deepEqual(parametersOf(runId).map((p) => [p.name, p.value, p.type, p.ordinal]),
    [['alpha', '0.25', 'float', 2], ['name', '"tuned"', 'str', 2], ['layers', '[64, 32]', 'list', 2]]);
  const show = runCli(nb.daemon().home, ['show', runId]);
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /\n +papermill parameters +alpha +0\.25 +set/, show.stdout);
});

test('papermill itself: a notebook executed with -p records its parameters', { skip: skip || (venvHas('papermill') ? false : 'papermill is not in .venv (not on the local package index)') }, async () => {
  const dir = nb.workdir();
  const input = nb.writeNotebook(dir, 'input.ipynb', [PARAMETERS, BODY], { 0: ['parameters'] });
  const r = runTraced(VENV_PY, '-m', nb.daemon().home, { args: ['papermill', input, join(dir, 'output.ipynb'), '-p', 'alpha', '0.3', '-k', 'python3'], cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const runId = await waitFor('the papermill session', () => sql<{ run_id: string }>(nb.daemon().home,
    `SELECT run_id FROM runs WHERE kind = 'notebook' AND status <> 'running' AND cwd = '${dir}'`)[0]?.run_id, 60_000, () => storeDiagnosis(nb.daemon().home));
  assert.deepEqual(parametersOf(runId).map((p) => [p.name, p.value]), [['alpha', '0.3']]);
});
