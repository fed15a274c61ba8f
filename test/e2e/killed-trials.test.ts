/**
 * A killed run keeps its trials (issue 11): the agent sends each trial's row with the next batch
 * after the trial started or changed, not only when its loop moves on, and the store keeps the latest
 * row of a trial. A scikit-learn sweep of 5 alphas (the repo's 3.11 venv, real daemon) is SIGKILLed
 * while its 3rd trial is open: the store has 3 trials with their alphas and MSEs, one row each.
 * Skipped when the venv has no scikit-learn.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DaemonProcess, sleep, sql, storeDiagnosis, tracedEnv, useDaemon, waitFor } from '../support/daemon-fixture.js';
import { REPO_ROOT } from '../support/paths.js';

const VENV_PY = join(REPO_ROOT, '.venv', 'bin', 'python');
const HAVE_SKLEARN = existsSync(VENV_PY) && spawnSync(VENV_PY, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0;
const skip = HAVE_SKLEARN ? false : 'the repo venv has no scikit-learn (make venv)';

const SCRIPT = `import time
from sklearn.datasets import make_regression
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error
X, y = make_regression(n_samples=200, n_features=5, noise=1.0, random_state=0)
for i, alpha in enumerate([0.01, 0.1, 1.0, 10.0, 100.0]):
    model = Ridge(alpha=alpha).fit(X, y)
    mse = mean_squared_error(y, model.predict(X))
    if i == 2:
        print("ready", flush=True)
        time.sleep(60)
`;

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));

test('a sweep SIGKILLed in its 3rd of 5 trials keeps 3 trials with their alphas and MSEs', { skip, timeout: 90_000 }, async () => {
  const project = `${daemon.home.root}-killed`;
  mkdirSync(project, { recursive: true });
  try {
    writeFileSync(join(project, 'killed.py'), SCRIPT);
    const child = spawn(VENV_PY, [join(project, 'killed.py')], { cwd: project, env: tracedEnv(daemon.home), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await waitFor('the 3rd trial', () => {
      out += child.stdout!.read() ?? '';
      return out.startsWith('ready');
    }, 60_000, () => err);
    await sleep(600); // a few of the agent's batch intervals (0.1 s): the trial's row is in a batch by now
    child.kill('SIGKILL');
    await exited;
    const run = await waitFor('the killed run closed', () => sql<{ run_id: string }>(daemon.home,
      `SELECT run_id FROM runs WHERE script LIKE '%/killed.py' AND status <> 'running'`)[0], 60_000, () => storeDiagnosis(daemon.home));
    const id = run.run_id;
    const trials = sql<{ trial_no: number; alpha: number; rows: number }>(daemon.home,
      `SELECT trial_no, CAST(json_extract(params, '$.alpha') AS DOUBLE) AS alpha, count(*) OVER (PARTITION BY trial_no) AS rows
       FROM trials WHERE run_id = '${id}' AND kind = 'loop' ORDER BY trial_no`);
    assert.deepEqual(trials.map((t) => t.alpha), [0.01, 0.1, 1.0], storeDiagnosis(daemon.home));
    assert.ok(trials.every((t) => Number(t.rows) === 1), 'one row per trial');
    const mses = sql<{ trial_no: number }>(daemon.home,
      `SELECT m.trial_no FROM metrics m JOIN trials t USING (run_id, trial_no) WHERE m.run_id = '${id}' AND m.name = 'mse' ORDER BY m.trial_no`);
    assert.equal(mses.length, 3);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
