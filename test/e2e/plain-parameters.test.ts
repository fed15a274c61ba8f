/**
 * Plain-variable parameters (issue 11): a plain-Python experiment (no .venv, no scikit-learn) whose
 * module constants — a split share, a learning rate, an epoch count — reach its split point and its
 * hand-written fit records them as parameters with their run-time values, and the mean absolute error
 * it computes as a metric named by its variable; `labtrace show` prints them. Also `make demo`'s first
 * run: examples/demo/train.py on a CPython without pandas takes its plain branch. Real daemon, plain
 * CPython 3.8 and 3.12 (whichever this machine has).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli, runTraced, sql, storeDiagnosis, useDaemon, waitFor, type DaemonProcess } from '../support/daemon-fixture.js';
import { FIXTURES_DIR, REPO_ROOT } from '../support/paths.js';
import { discoverPythons } from '../support/pythons.js';

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));

interface Shown {
  parameters: { estimator: string | null; name: string; value: string; source: string }[];
  metrics: { function: string; value: number | null; source: string }[];
}

async function traceAndShow(python: string, script: string): Promise<{ stdout: string; record: Shown; text: string }> {
  const before = new Set(sql<{ run_id: string }>(daemon.home, `SELECT run_id FROM runs`).map((r) => r.run_id));
  const r = runTraced(python, script, daemon.home);
  assert.equal(r.status, 0, r.stderr);
  const run_id = await waitFor('the run correlated', () =>
    sql<{ run_id: string }>(daemon.home, `SELECT run_id FROM runs JOIN run_analysis USING (run_id)`).map((x) => x.run_id).find((id) => !before.has(id)),
  120_000, () => storeDiagnosis(daemon.home));
  const json = runCli(daemon.home, ['show', run_id, '--json']);
  assert.equal(json.status, 0, json.stderr);
  const text = runCli(daemon.home, ['show', run_id]);
  assert.equal(text.status, 0, text.stderr);
  return { stdout: r.stdout, record: JSON.parse(json.stdout) as Shown, text: text.stdout };
}

const plain = discoverPythons().filter((p) => (p.minor === 8 || p.minor === 12) && !p.executable.startsWith('/usr/bin'));

for (const py of plain) {
  test(`${py.label}: module constants that reach the split and the hand-written fit are parameters, the MAE a metric`, async () => {
    const { stdout, record, text } = await traceAndShow(py.executable, join(FIXTURES_DIR, 'scripts', 'plain_hand_fit.py'));
    const params = Object.fromEntries(record.parameters.filter((p) => p.source === 'variable').map((p) => [p.name, p.value]));
    assert.deepEqual(params, { TRAIN_SHARE: '0.75', LEARNING_RATE: '0.05', EPOCHS: '200' }, JSON.stringify(record.parameters));
    const mae = record.metrics.find((m) => m.function === 'mae');
    assert.ok(mae, JSON.stringify(record.metrics));
    assert.equal(mae.value!.toFixed(3), /mean absolute error: ([\d.]+)/.exec(stdout)![1]);
    // no loop counter, no fitted coefficient, no data constant is a parameter or a metric
    for (const name of ['epoch', 'a', 'b', 'cut', 'n']) {
      assert.ok(!record.metrics.some((m) => m.function === name), `${name} is not a metric`);
      assert.ok(!record.parameters.some((p) => p.name === name), `${name} is not a parameter`);
    }
    for (const name of ['TRAIN_SHARE', 'LEARNING_RATE', 'EPOCHS', 'mae']) assert.match(text, new RegExp(`\\b${name}\\b`), text);
    assert.doesNotMatch(text, /parameters \(none captured\)/);
  });

  test(`${py.label}: make demo's plain branch records its split share and the error it computes inside its if/else`, async () => {
    const { stdout, record, text } = await traceAndShow(py.executable, join(REPO_ROOT, 'examples', 'demo', 'train.py'));
    const share = record.parameters.find((p) => p.name === 'TRAIN_SHARE');
    assert.equal(share?.value, '0.75', JSON.stringify(record.parameters));
    assert.equal(share?.source, 'variable');
    assert.match(text, /TRAIN_SHARE/);
    assert.doesNotMatch(text, /parameters \(none captured\)/);
    // error = statistics.mean(...) in the else branch of a module-level if/else: evaluated statement by statement
    const errors = record.metrics.filter((m) => m.function === 'error');
    assert.equal(errors.length, 1, JSON.stringify(record.metrics));
    assert.equal(errors[0]!.value!.toFixed(0), /mean absolute error: (\d+) EUR/.exec(stdout)![1]);
    assert.equal(errors[0]!.source, 'variable');
    assert.doesNotMatch(text, /metrics \(none captured\)/);
    for (const name of ['cut', 'a', 'b', 'HAVE_SKLEARN']) assert.ok(!record.metrics.some((m) => m.function === name), `${name} is not a metric`);
  });
}
