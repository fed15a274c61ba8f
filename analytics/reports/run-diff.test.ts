/**
 * `labtrace diff` on records built here (issue 11): two identical runs differ in nothing, although their
 * function-valued parameters print different addresses, a metric is NaN (or infinite) in both and each
 * imported a package the other did not; a version change, a new metric value and new content behind the
 * same path are changes; the data section tells inputs from outputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunRecord } from './run-record.js';
import type { SqlRunner } from '../../common/sql-source.js';
import { diffRuns } from './run-diff.js';
import { renderRunDiff } from './render-diff.js';

const noSql: SqlRunner = async () => ({ columns: ['content'], rows: [] });

function record(id: string, o: { refit: string; packages: [string, string][]; metrics: [string, number | null][]; input: string }): RunRecord {
  const param = (name: string, value: string): RunRecord['parameters'][number] =>
    ({ estimator: 'sklearn.model_selection.GridSearchCV', name, value, type: null, is_default: false, line: 9, source: 'get_params' });
  return {
    run: { run_id: id, script: '/p/exp.py', script_sha256: 'c0de', python_implementation: 'CPython', python_version: '3.11.7', backend: 'setprofile', os: 'Linux', hostname: 'h' },
    analysis: { status: 'ok', message: null },
    phases: [], timeline: [], slowest_statements: [],
    data: [
      { path: '/p/data/in.csv', mode: 'r', write: false, read: true, role: 'input', size: 55, sha256: o.input, hash_method: 'full', line: 3 },
      { path: '/p/data/out.csv', mode: 'w', write: true, read: false, role: 'output', size: 10, sha256: 'beef'.repeat(16), hash_method: 'full', line: 12 },
    ],
    datasets: [],
    parameters: [param('refit', o.refit), param('estimator', '<__main__.Wrapper object at 0x7f3a2b1c0d90>'), param('cv', '5')],
    metrics: o.metrics.map(([fn, value]) => ({ function: fn, value, repr: null, line: 10, source: 'return' })),
    environment: { distributions: o.packages.map(([name, version]) => ({ name, version })), variables: [], git: null },
    sources: [{ path: '/p/exp.py', sha256: 'c0de' }],
    overhead: {},
    cells: [],
  };
}

const IN = 'a1'.repeat(32);

test('two identical runs: no changes, whatever the addresses, NaNs, infinities and packages imported by one run only', async () => {
  const a = record('A', { refit: '<function pick_best at 0x7f06a1b2c3d0>', packages: [['numpy', '2.4.6'], ['six', '1.17.0']], metrics: [['r2_score', Number.NaN], ['log_loss', Number.POSITIVE_INFINITY], ['mse', 0.25]], input: IN });
  const b = record('B', { refit: '<function pick_best at 0x7f99e8d7c6b0>', packages: [['numpy', '2.4.6'], ['cloudpickle', '3.1.2']], metrics: [['r2_score', Number.NaN], ['log_loss', Number.POSITIVE_INFINITY], ['mse', 0.25]], input: IN });
  const d = await diffRuns(noSql, a, b);
  assert.deepEqual(d.parameters, []);
  assert.equal(d.parameters_unchanged, 3);
  assert.deepEqual(d.environment, []);
  assert.deepEqual(d.imported_only, { a: ['six 1.17.0'], b: ['cloudpickle 3.1.2'] });
  assert.deepEqual(d.metrics.map((m) => [m.metric, m.change]), [['r2_score', 'same'], ['log_loss', 'same'], ['mse', 'same']]);
  assert.equal(d.identical, true);
  const text = renderRunDiff(d);
  assert.match(text, /^no changes: same data, code, parameters, environment and metrics$/m);
  assert.match(text, /^ {2}inputs\n {4}\/p\/data\/in\.csv: same \(sha256 a1a1/m);
  assert.match(text, /^ {2}outputs\n {4}\/p\/data\/out\.csv: same/m);
  assert.match(text, /imported only in A \(not a change\): six 1\.17\.0/);
  assert.doesNotMatch(text, /0x7f/);
});

test('real changes: a version, a metric, new content behind the same input path, a parameter', async () => {
  const a = record('A', { refit: 'True', packages: [['numpy', '2.4.6']], metrics: [['mse', 0.25], ['r2_score', Number.NaN]], input: IN });
  const b = record('B', { refit: 'False', packages: [['numpy', '2.5.0']], metrics: [['mse', 0.5], ['r2_score', 0.9]], input: 'b2'.repeat(32) });
  const d = await diffRuns(noSql, a, b);
  assert.equal(d.identical, false);
  assert.deepEqual(d.environment, [{ key: 'package numpy', a: '2.4.6', b: '2.5.0', change: 'changed' }]);
  assert.deepEqual(d.parameters.map((p) => [p.key, p.a, p.b]), [['GridSearchCV.refit', 'True', 'False']]);
  assert.deepEqual(d.metrics.map((m) => [m.metric, m.change, m.delta, m.change_pct]), [['mse', 'changed', 0.25, 100], ['r2_score', 'changed', null, null]]);
  assert.deepEqual(d.data.map((x) => [x.path, x.role, x.change]), [['/p/data/in.csv', 'input', 'content changed'], ['/p/data/out.csv', 'output', 'same']]);
  assert.match(renderRunDiff(d), /^ {4}\/p\/data\/in\.csv: content changed \(sha256 a1a1a1a1a1a1a1a1 → b2b2b2b2b2b2b2b2, 55 → 55 bytes\)$/m);
});

test('time per phase side by side, the whole run last; times alone are not a change', async () => {
  const timed = (id: string, phases: [string, number][], duration: number): RunRecord => {
    const r = record(id, { refit: 'True', packages: [], metrics: [['mse', 0.25]], input: IN });
    return { ...r, run: { ...r.run, duration_s: duration }, phases: phases.map(([phase, wall_s]) => ({ phase, wall_s, share_pct: 0, intervals: 1 })) };
  };
  const a = timed('A', [['data_loading', 0.5], ['model_training', 3.073]], 4.2);
  const b = timed('B', [['data_loading', 0.307], ['model_training', 0.705], ['model_evaluation', 0.01]], 1.5);
  const d = await diffRuns(noSql, a, b);
  assert.equal(d.identical, true);
  assert.deepEqual(d.time, [
    { phase: 'data_loading', a_s: 0.5, b_s: 0.307, delta_s: -0.193 }, { phase: 'model_training', a_s: 3.073, b_s: 0.705, delta_s: -2.368 },
    { phase: 'model_evaluation', a_s: null, b_s: 0.01, delta_s: null }, { phase: '(whole run)', a_s: 4.2, b_s: 1.5, delta_s: -2.7 },
  ]);
  const text = renderRunDiff(d);
  assert.match(text, /model_training\s+3\.073\s+0\.705\s+-2\.368/);
  assert.match(text, /model_evaluation\s+—\s+0\.010/);
});
