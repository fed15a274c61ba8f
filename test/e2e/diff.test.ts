/**
 * `labtrace diff` end to end (issue 11), a real daemon and the repo's 3.11 venv: the same script run
 * twice differs in nothing (a function-valued search parameter prints a new address every run, a
 * metric is NaN in both, the runs need not import the same packages); after the input file's content
 * changes behind the same path, diff names that input with both hashes, and the output it wrote.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { DaemonProcess, runCli, runTraced, sql, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { REPO_ROOT } from '../support/paths.js';

const VENV_PY = join(REPO_ROOT, '.venv', 'bin', 'python');
const SCRIPT = `import pandas as pd
import numpy as np
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import GridSearchCV

def pick_best(cv_results):
    return int(np.argmin(cv_results["rank_test_score"]))

df = pd.read_csv("data/in.csv")
X, y = df[["x"]].values, df["y"].values
search = GridSearchCV(Ridge(), {"alpha": [0.1, 1.0]}, cv=2, refit=pick_best)
search.fit(X, y)
model = Ridge(alpha=0.5)
model.fit(X, y)
mse = mean_squared_error(y, model.predict(X))
r2 = r2_score(y[:1], model.predict(X[:1]))
pd.DataFrame({"p": model.predict(X)}).to_csv("data/out.csv", index=False)
print(mse, r2)
`;
const DATA = (slope: number): string => ['x,y', ...[1, 2, 3, 4, 5, 6, 7, 8].map((x) => `${x},${(slope * x + (x % 3) * 0.1).toFixed(2)}`)].join('\n') + '\n';
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

let daemon: DaemonProcess;
let project: string;
const runs: string[] = [];

async function trace(): Promise<string> {
  const r = runTraced(VENV_PY, join(project, 'exp.py'), daemon.home, { cwd: project, env: { PYTHONWARNINGS: 'ignore' } });
  assert.equal(r.status, 0, r.stderr);
  const row = await waitFor(`run ${runs.length + 1} correlated`, () => sql<{ run_id: string }>(daemon.home,
    `SELECT run_id FROM runs JOIN run_analysis USING (run_id) WHERE script = '${join(project, 'exp.py')}' AND run_id NOT IN ('${runs.join("','")}') LIMIT 1`)[0], 120_000, () => storeDiagnosis(daemon.home));
  runs.push(row.run_id);
  return row.run_id;
}

function diff(a: string, b: string, json = false): string {
  const r = runCli(daemon.home, ['diff', a, b, ...(json ? ['--format', 'json'] : [])]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

before(async () => {
  assert.ok(existsSync(VENV_PY), 'the repo venv (make venv) is needed');
  daemon = await DaemonProcess.start();
  project = `${daemon.home.root}-diff`;
  mkdirSync(join(project, 'data'), { recursive: true });
  writeFileSync(join(project, 'exp.py'), SCRIPT);
  writeFileSync(join(project, 'data', 'in.csv'), DATA(2));
});

after(async () => {
  await daemon.stop();
  daemon.home.remove();
  rmSync(project, { recursive: true, force: true });
});

test('the same script twice: diff reports no changes', async () => {
  const [a, b] = [await trace(), await trace()];
  const text = diff(a, b);
  assert.match(text, /^no changes: same data, code, parameters, environment and metrics$/m, text);
  assert.match(text, /^ {2}inputs\n {4}\S+\/data\/in\.csv: same/m, text);
  assert.match(text, /^ {2}outputs\n {4}\S+\/data\/out\.csv: same/m, text);
  // r2 of one sample is NaN (its store value is null or NaN, depending on the agent): the same either way.
  assert.match(text, /^ {2}r2\S* +(NaN|—) +(NaN|—) +same$/m, text);
  assert.doesNotMatch(text, /0x[0-9a-f]{6}/, text);
  const d = JSON.parse(diff(a, b, true)) as { identical: boolean; parameters: unknown[]; parameters_unchanged: number; environment: unknown[] };
  assert.equal(d.identical, true);
  assert.deepEqual([d.parameters, d.environment], [[], []]);
  assert.ok(d.parameters_unchanged >= 10, String(d.parameters_unchanged));
});

test('new content behind the same input path: diff names the file with both hashes', async () => {
  const before_ = runs[runs.length - 1]!;
  writeFileSync(join(project, 'data', 'in.csv'), DATA(3));
  const after_ = await trace();
  const text = diff(before_, after_);
  assert.doesNotMatch(text, /^no changes/m);
  const [oldSha, newSha] = [sha(DATA(2)), sha(DATA(3))];
  assert.match(text, new RegExp(`^ {4}\\S+/data/in\\.csv: content changed \\(sha256 ${oldSha.slice(0, 16)} → ${newSha.slice(0, 16)}, `, 'm'), text);
  const d = JSON.parse(diff(before_, after_, true)) as { data: { path: string; role: string; change: string; sha_a: string; sha_b: string }[] };
  const input = d.data.find((x) => x.path.endsWith('/data/in.csv'))!;
  assert.deepEqual([input.role, input.change, input.sha_a, input.sha_b], ['input', 'content changed', oldSha, newSha]);
  assert.deepEqual(d.data.find((x) => x.path.endsWith('/data/out.csv'))?.role, 'output');
});
