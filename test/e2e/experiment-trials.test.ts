/**
 * The experiment record on real ML code (issue 11), end to end: a real daemon, the repo's 3.11 venv
 * (scikit-learn). Every trial of a sweep is recorded (the record calls are never sampled out) and
 * grouped by loop iteration; searches give best parameters, the best estimator's nested parameters and
 * their candidates; scikit-learn data sets are data sources with a fingerprint; metrics are structured
 * and named after their variable. Skipped when the venv has no scikit-learn.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DaemonProcess, runCli, runTraced, sql, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { REPO_ROOT } from '../support/paths.js';

const VENV_PY = join(REPO_ROOT, '.venv', 'bin', 'python');
const HAVE_SKLEARN = existsSync(VENV_PY) && spawnSync(VENV_PY, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0;
const skip = HAVE_SKLEARN ? false : 'the repo venv has no scikit-learn (make venv)';

const SCRIPTS: Record<string, string> = {
  'sweep.py': `from sklearn.datasets import make_regression
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error
X, y = make_regression(n_samples=200, n_features=5, noise=1.0, random_state=0)
for alpha in [0.01, 0.1, 1.0, 10.0, 100.0, 1000.0]:
    model = Ridge(alpha=alpha)
    model.fit(X, y)
    mse = mean_squared_error(y, model.predict(X))
    print(alpha, round(mse, 3))
`,
  // the sweep runs in a function called from the loop, 40 times: past the sampling of call sites (4)
  // and the streaming of user functions (16)
  'many.py': `from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
X, y = make_classification(n_samples=120, n_features=6, random_state=1)
def evaluate(C):
    clf = LogisticRegression(C=C, max_iter=200).fit(X, y)
    return accuracy_score(y, clf.predict(X))
for i in range(40):
    acc = evaluate(0.001 * (i + 1))
print("done")
`,
  'search.py': `import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import PCA
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report
from sklearn.model_selection import GridSearchCV, cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
iris = load_iris(as_frame=True)
df = iris.frame.copy()
df["size"] = np.where(df["petal length (cm)"] > 4, "big", "small")
X, y = df.drop(columns=["target"]), df["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
pre = ColumnTransformer([("num", StandardScaler(), list(iris.feature_names)), ("cat", OneHotEncoder(), ["size"])])
pipe = make_pipeline(pre, LogisticRegression(max_iter=500))
grid = GridSearchCV(pipe, {"logisticregression__C": [0.1, 1.0, 10.0]}, cv=3)
grid.fit(X_train, y_train)
scores = cross_val_score(LogisticRegression(max_iter=500), iris.data, iris.target, cv=5)
report = classification_report(y_test, grid.predict(X_test), target_names=list(iris.target_names))
proj = PCA(n_components=2).fit_transform(iris.data)
i = 0
for i in range(500):
    pass
print(grid.best_params_, round(scores.mean(), 3))
`,
};

let daemon: DaemonProcess;
let project: string;
const runs: Record<string, string> = {};

async function traced(name: string): Promise<string> {
  const r = runTraced(VENV_PY, join(project, name), daemon.home, { cwd: project });
  assert.equal(r.status, 0, `${name}: ${r.stderr}`);
  const row = await waitFor(`run of ${name} ended`, () => sql<{ run_id: string }>(daemon.home,
    `SELECT run_id FROM runs WHERE script LIKE '%/${name}' AND status = 'ok' AND ended_at IS NOT NULL`)[0], 60_000, () => storeDiagnosis(daemon.home));
  return row.run_id;
}

before(async () => {
  if (!HAVE_SKLEARN) return;
  daemon = await DaemonProcess.start();
  project = `${daemon.home.root}-trials`;
  mkdirSync(project, { recursive: true });
  for (const [name, text] of Object.entries(SCRIPTS)) writeFileSync(join(project, name), text);
  for (const name of Object.keys(SCRIPTS)) runs[name] = await traced(name);
});

after(async () => {
  if (!HAVE_SKLEARN) return;
  await daemon.stop();
  daemon.home.remove();
  rmSync(project, { recursive: true, force: true });
});

test('a sweep in a loop: six trials alpha -> mse, the best trial by SQL, the sweep as a table in show', { skip }, () => {
  const id = runs['sweep.py']!;
  const trials = sql<{ trial_no: number; alpha: number; mse: number }>(daemon.home,
    `SELECT t.trial_no, CAST(json_extract(t.params, '$.alpha') AS DOUBLE) AS alpha, m.value AS mse
     FROM trials t JOIN metrics m USING (run_id, trial_no) WHERE t.run_id = '${id}' AND t.kind = 'loop' AND m.name = 'mse' ORDER BY t.trial_no`);
  assert.deepEqual(trials.map((t) => t.alpha), [0.01, 0.1, 1.0, 10.0, 100.0, 1000.0]);
  for (let k = 1; k < trials.length; k++) assert.ok(trials[k]!.mse > trials[k - 1]!.mse, 'mse grows with alpha');
  const alphas = sql<{ value: string }>(daemon.home, `SELECT value FROM hyperparameters WHERE run_id = '${id}' AND name = 'alpha' ORDER BY t_ns`);
  assert.deepEqual(alphas.map((a) => a.value), ['0.01', '0.1', '1.0', '10.0', '100.0', '1000.0']);
  const [best] = sql<{ alpha: string }>(daemon.home,
    `SELECT json_extract_string(t.params, '$.alpha') AS alpha FROM trials t JOIN metrics m USING (run_id, trial_no)
     WHERE t.run_id = '${id}' AND m.name = 'mse' ORDER BY m.value LIMIT 1`);
  assert.equal(best!.alpha, '0.01');
  const show = runCli(daemon.home, ['show', id]);
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /trials\n\s+loop at line 5: for alpha in .* \(6 trials\)/);
  assert.match(show.stdout, /trial\s+alpha\s+mse/);
  assert.match(show.stdout, /6\s+1000\s+24457\.9/);
});

test('forty calls of a fitting function: every fit and every accuracy recorded, one trial each', { skip }, () => {
  const id = runs['many.py']!;
  const [counts] = sql<{ trials: number; metrics: number; cs: number }>(daemon.home,
    `SELECT (SELECT count(*) FROM trials WHERE run_id = '${id}') AS trials,
       (SELECT count(*) FROM metrics WHERE run_id = '${id}' AND source = 'return' AND trial_no IS NOT NULL) AS metrics,
       (SELECT count(DISTINCT value) FROM hyperparameters WHERE run_id = '${id}' AND name = 'C') AS cs`);
  assert.equal(Number(counts!.trials), 40);
  assert.equal(Number(counts!.metrics), 40);
  assert.equal(Number(counts!.cs), 40);
});

test('a grid search over a pipeline: best params, best estimator by path with defaults, candidates ranked; PCA.fit_transform has its row', { skip }, () => {
  const id = runs['search.py']!;
  const best = sql<{ name: string; value: string }>(daemon.home, `SELECT name, value FROM hyperparameters WHERE run_id = '${id}' AND source = 'best_params'`);
  assert.equal(best.length, 1);
  assert.equal(best[0]!.name, 'logisticregression__C');
  const nested = sql<{ name: string; is_default: boolean }>(daemon.home,
    `SELECT name, is_default FROM hyperparameters WHERE run_id = '${id}' AND source = 'best_estimator'`);
  const byName = new Map(nested.map((n) => [n.name, n.is_default]));
  assert.equal(byName.get('logisticregression__max_iter'), false, 'max_iter=500 was set');
  assert.equal(byName.get('logisticregression__tol'), true, 'tol is a default');
  assert.ok(byName.has('columntransformer__num__with_mean'), [...byName.keys()].join(' '));
  const candidates = sql<{ c: number; rank: number; mean_score: number }>(daemon.home,
    `SELECT CAST(json_extract(params, '$.logisticregression__C') AS DOUBLE) AS c, rank, mean_score FROM trials WHERE run_id = '${id}' AND kind = 'candidate' ORDER BY c`);
  assert.deepEqual(candidates.map((c) => c.c), [0.1, 1.0, 10.0]);
  assert.deepEqual(candidates.map((c) => c.rank).sort(), [1, 2, 3]);
  const [bestScore] = sql<{ value: number }>(daemon.home, `SELECT value FROM metrics WHERE run_id = '${id}' AND name = 'grid.best_score_'`);
  assert.equal(bestScore!.value, Math.max(...candidates.map((c) => c.mean_score)));
  const pca = sql<{ value: string }>(daemon.home, `SELECT value FROM hyperparameters WHERE run_id = '${id}' AND estimator LIKE '%PCA' AND name = 'n_components'`);
  assert.deepEqual(pca.map((p) => p.value), ['2']);
  const values = sql<{ value: string }>(daemon.home, `SELECT value FROM hyperparameters WHERE run_id = '${id}'`);
  assert.ok(values.every((v) => !v.value.includes('\n') && !/ at 0x/.test(v.value)), 'one-line values without addresses');
});

test('data sets are data sources with their arguments and a fingerprint', { skip }, () => {
  const id = runs['search.py']!;
  const rows = sql<{ path: string; sha256: string; kind: string; mode: string }>(daemon.home,
    `SELECT path, sha256, kind, mode FROM file_accesses WHERE run_id = '${id}' AND kind = 'dataset'`);
  assert.deepEqual(rows.map((r) => r.path), ['sklearn.datasets.load_iris(as_frame=True)']);
  assert.match(rows[0]!.sha256, /^[0-9a-f]{64}$/);
  const sweep = sql<{ path: string; sha256: string }>(daemon.home, `SELECT path, sha256 FROM file_accesses WHERE run_id = '${runs['sweep.py']}' AND kind = 'dataset'`);
  assert.deepEqual(sweep.map((r) => r.path), ['sklearn.datasets.make_regression(n_features=5, n_samples=200, noise=1.0, random_state=0)']);
  const show = runCli(daemon.home, ['show', id]);
  assert.match(show.stdout, /sklearn\.datasets\.load_iris\(as_frame=True\)\s+dataset/);
});

test('metrics: a classification report per class, cross_val_score as mean/std/n under its variable, no loop counter', { skip }, () => {
  const id = runs['search.py']!;
  const ms = sql<{ name: string; value: number | null; std: number | null; n: number | null }>(daemon.home,
    `SELECT name, value, std, n FROM metrics WHERE run_id = '${id}' ORDER BY t_ns`);
  const byName = new Map(ms.map((m) => [m.name, m]));
  for (const cls of ['setosa', 'versicolor', 'virginica']) {
    for (const measure of ['precision', 'recall', 'f1-score']) {
      const m = byName.get(`report.${cls}.${measure}`);
      assert.ok(m && m.value !== null && m.value >= 0 && m.value <= 1, `report.${cls}.${measure}: ${JSON.stringify(ms.map((x) => x.name))}`);
    }
  }
  assert.ok(byName.get('report.accuracy'));
  const scores = byName.get('scores');
  assert.ok(scores, 'cross_val_score named after its variable');
  assert.equal(Number(scores.n), 5);
  assert.ok(scores.std !== null && scores.std >= 0 && scores.std < 0.2);
  assert.ok(ms.every((m) => m.value === null || Number.isFinite(m.value)));
  assert.ok(!ms.some((m) => m.name === 'i' || m.name === 'classification_report'), 'neither the loop counter nor the raw report');
});
