/**
 * An Optuna study on the repo's 3.11 venv, end to end (issue 11): a real daemon, a real traced
 * `study.optimize(objective, n_trials=12)` whose objective suggests alpha (float, log) and max_depth
 * (int), fits a scikit-learn model and returns its MSE. The objective runs inside optuna's loop, not a
 * user loop: each optuna trial is still one trial of the record, holding its suggested parameters, its
 * value, its rank, and the fit and metric the objective made in it. Skipped when the venv has no optuna.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DaemonProcess, runCli, runTraced, sql, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { REPO_ROOT } from '../support/paths.js';

const VENV_PY = join(REPO_ROOT, '.venv', 'bin', 'python');
const HAVE_OPTUNA = existsSync(VENV_PY) && spawnSync(VENV_PY, ['-c', 'import optuna, sklearn'], { encoding: 'utf8' }).status === 0;
const skip = HAVE_OPTUNA ? false : 'the repo venv has no optuna or scikit-learn (make venv)';

const STUDY = `import optuna
from sklearn.datasets import make_regression
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeRegressor
optuna.logging.set_verbosity(optuna.logging.WARNING)
X, y = make_regression(n_samples=200, n_features=5, noise=5.0, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)

def objective(trial):
    alpha = trial.suggest_float("alpha", 1e-3, 10.0, log=True)
    max_depth = trial.suggest_int("max_depth", 2, 8)
    model = DecisionTreeRegressor(max_depth=max_depth, ccp_alpha=alpha, random_state=0)
    model.fit(X_train, y_train)
    mse = mean_squared_error(y_test, model.predict(X_test))
    return mse

study = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=0))
study.optimize(objective, n_trials=12)
for t in study.trials:
    print("T", t.number, repr(t.params["alpha"]), t.params["max_depth"], repr(t.value))
print("BEST", repr(study.best_params["alpha"]), study.best_params["max_depth"], repr(study.best_value))
`;

interface Truth { number: number; alpha: number; maxDepth: number; value: number }

let daemon: DaemonProcess;
let project: string;
let runId = '';
let truth: Truth[] = [];
let best = { alpha: 0, maxDepth: 0, value: 0 };

before(async () => {
  if (!HAVE_OPTUNA) return;
  daemon = await DaemonProcess.start();
  project = `${daemon.home.root}-optuna`;
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'study.py'), STUDY);
  const r = runTraced(VENV_PY, join(project, 'study.py'), daemon.home, { cwd: project });
  assert.equal(r.status, 0, r.stderr);
  // what optuna itself says, printed by the program: the record must match it
  truth = r.stdout.split('\n').filter((l) => l.startsWith('T ')).map((l) => {
    const [, n, a, d, v] = l.split(' ');
    return { number: Number(n), alpha: Number(a), maxDepth: Number(d), value: Number(v) };
  });
  const [, a, d, v] = r.stdout.split('\n').find((l) => l.startsWith('BEST '))!.split(' ');
  best = { alpha: Number(a), maxDepth: Number(d), value: Number(v) };
  runId = (await waitFor('run of study.py ended', () => sql<{ run_id: string }>(daemon.home,
    `SELECT run_id FROM runs WHERE script LIKE '%/study.py' AND status = 'ok' AND ended_at IS NOT NULL`)[0], 60_000, () => storeDiagnosis(daemon.home))).run_id;
});

after(async () => {
  if (!HAVE_OPTUNA) return;
  await daemon.stop();
  daemon.home.remove();
  rmSync(project, { recursive: true, force: true });
});

test('twelve optuna trials, one trial each: suggested parameters, value, rank, and the fit and MSE the objective made in it', { skip }, () => {
  assert.equal(truth.length, 12);
  const rows = sql<{ trial_no: number; label: string; alpha: number; max_depth: number; value: number; rank: number; mse: number; ccp: string; models: number }>(daemon.home,
    `SELECT t.trial_no, t.label, CAST(json_extract(t.params, '$.alpha') AS DOUBLE) AS alpha, CAST(json_extract(t.params, '$.max_depth') AS INTEGER) AS max_depth,
       t.mean_score AS value, t.rank,
       (SELECT max(m.value) FROM metrics m WHERE m.run_id = t.run_id AND m.trial_no = t.trial_no AND m.name = 'mse') AS mse,
       (SELECT max(h.value) FROM hyperparameters h WHERE h.run_id = t.run_id AND h.trial_no = t.trial_no AND h.name = 'ccp_alpha') AS ccp,
       (SELECT count(DISTINCT h.object_id) FROM hyperparameters h WHERE h.run_id = t.run_id AND h.trial_no = t.trial_no AND h.source = 'get_params') AS models
     FROM trials t WHERE t.run_id = '${runId}' AND t.kind = 'study' ORDER BY t.trial_no`);
  assert.equal(rows.length, 12, JSON.stringify(sql(daemon.home, `SELECT trial_no, kind, label, CAST(params AS VARCHAR) AS params FROM trials WHERE run_id = '${runId}'`)));
  rows.forEach((r, i) => {
    const want = truth[i]!;
    assert.match(r.label, new RegExp(`^optuna study \\(minimize, TPESampler\\) trial ${want.number}$`));
    assert.equal(r.alpha, want.alpha);
    assert.equal(Number(r.max_depth), want.maxDepth);
    assert.equal(r.value, want.value);
    assert.equal(r.mse, want.value, `trial ${want.number}: the objective's mse is in its trial`);
    assert.equal(Number(r.ccp), want.alpha, `trial ${want.number}: the model fitted in it has ccp_alpha = alpha`);
    assert.equal(Number(r.models), 1);
  });
  const byValue = [...truth].sort((a, b) => a.value - b.value || a.number - b.number);
  assert.equal(rows.find((r) => Number(r.rank) === 1)!.value, byValue[0]!.value);
  assert.deepEqual(rows.map((r) => Number(r.rank)).sort((a, b) => a - b), Array.from({ length: 12 }, (_, i) => i + 1));
  for (const r of rows) assert.equal(Number(r.rank), 1 + truth.filter((t) => t.value < r.value).length + rows.filter((o) => o.value === r.value && o.trial_no < r.trial_no).length);
});

test('the study: best parameters, best value, sampler and direction', { skip }, () => {
  const params = sql<{ name: string; value: string; source: string }>(daemon.home,
    `SELECT name, value, source FROM hyperparameters WHERE run_id = '${runId}' AND source IN ('best_params', 'study') ORDER BY source, name`);
  const get = (source: string, name: string): string | undefined => params.find((p) => p.source === source && p.name === name)?.value;
  assert.equal(Number(get('best_params', 'alpha')), best.alpha);
  assert.equal(Number(get('best_params', 'max_depth')), best.maxDepth);
  assert.equal(get('study', 'sampler'), "'TPESampler'");
  assert.equal(get('study', 'direction'), "'minimize'");
  const [bv] = sql<{ value: number; trial_no: number | null }>(daemon.home, `SELECT value, trial_no FROM metrics WHERE run_id = '${runId}' AND name = 'study.best_value'`);
  assert.equal(bv!.value, best.value);
  assert.equal(bv!.trial_no, null, 'the best value belongs to the study, not to one of its trials');
});

test('show prints the study as one table, ranked by value', { skip }, () => {
  const show = runCli(daemon.home, ['show', runId]);
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /optuna study \(minimize, TPESampler\) at line 19: 12 trials\n\s+rank\s+trial\s+alpha\s+max_depth\s+value\n/);
  const lines = show.stdout.split('\n').filter((l) => /^\s+\d+\s+\d+\s+[\d.e-]+\s+\d\s+[\d.]+$/.test(l));
  assert.equal(lines.length, 12, show.stdout);
  const ranks = lines.map((l) => Number(l.trim().split(/\s+/)[0]));
  assert.deepEqual(ranks, Array.from({ length: 12 }, (_, i) => i + 1));
  const top = lines[0]!.trim().split(/\s+/);
  const bestTrial = [...truth].sort((a, b) => a.value - b.value || a.number - b.number)[0]!;
  assert.equal(Number(top[1]), bestTrial.number);
});
