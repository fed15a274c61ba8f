/**
 * The seed paper's scenario end to end (issue: experiment record). Bob, Alice and Charlie run their
 * apartment-price experiments traced, with no tracking code; show, diff and lineage must tell what
 * each did and what changed. Listing 1 (NumPy only) must come out in phases with its parameters and
 * error. Secrets never reach the store. Runs on the repo's 3.11 venv (pandas, scikit-learn).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DaemonProcess, runCli, runTraced, sql, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { FIXTURES_DIR, REPO_ROOT } from '../support/paths.js';

const VENV_PY = join(REPO_ROOT, '.venv', 'bin', 'python');
const EXAMPLES = join(REPO_ROOT, 'examples');
let daemon: DaemonProcess;
let project: string;
const runs: Record<string, string> = {};
const outputs: Record<string, string> = {};

function traceAndWait(name: string, script: string, cwd: string, env: Record<string, string> = {}): string {
  const r = runTraced(VENV_PY, script, daemon.home, { cwd, env });
  assert.equal(r.status, 0, `${name}: ${r.stderr}`);
  outputs[name] = r.stdout;
  return name;
}

async function runIdOf(scriptSuffix: string): Promise<string> {
  const row = await waitFor(`run of ${scriptSuffix} correlated`, () => sql<{ run_id: string }>(daemon.home,
    `SELECT r.run_id FROM runs r JOIN run_analysis a USING (run_id) WHERE r.script LIKE '%${scriptSuffix}' AND r.status = 'ok' ORDER BY r.started_at DESC LIMIT 1`)[0], 180_000, () => storeDiagnosis(daemon.home));
  return row.run_id;
}

function cliJson<T>(args: string[]): T {
  const r = runCli(daemon.home, args);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
}

interface Record_ {
  phases: { phase: string }[];
  timeline: { phase: string }[];
  data: { path: string; sha256: string; write: boolean }[];
  datasets: { name: string; columns: string[] }[];
  parameters: { estimator: string | null; name: string; value: string; is_default: boolean; source: string }[];
  metrics: { function: string; value: number | null; source: string }[];
  environment: { distributions: { name: string }[] };
}

before(async () => {
  assert.ok(existsSync(VENV_PY), 'the repo venv (make venv) is needed for the scenario');
  daemon = await DaemonProcess.start();
  // The project lives outside LABTRACE_HOME: the agent ignores files in its own home.
  project = `${daemon.home.root}-apartments`;
  mkdirSync(join(project, 'data'), { recursive: true });
  for (const s of ['bob.py', 'alice.py', 'charlie.py']) copyFileSync(join(EXAMPLES, 'apartments', s), join(project, s));
  copyFileSync(join(EXAMPLES, 'apartments', 'data', 'apartments.csv'), join(project, 'data', 'apartments.csv'));
  traceAndWait('bob', join(project, 'bob.py'), project);
  runs.bob = await runIdOf('/bob.py');
  traceAndWait('alice', join(project, 'alice.py'), project);
  runs.alice = await runIdOf('/alice.py');
  // Charlie "downloaded the data again": a different file behind the same path.
  copyFileSync(join(EXAMPLES, 'apartments', 'data', 'apartments_redownload.csv'), join(project, 'data', 'apartments.csv'));
  traceAndWait('charlie', join(project, 'charlie.py'), project);
  runs.charlie = await runIdOf('/charlie.py');
});

after(async () => {
  await daemon.stop();
  daemon.home.remove();
  rmSync(project, { recursive: true, force: true });
});

const maeOf = (name: string): number => Number(/mean absolute error: (\d+) EUR/.exec(outputs[name]!)![1]);

test("Bob's record: phases, data, every LinearRegression default, the error", () => {
  const bob = cliJson<Record_>(['show', runs.bob!, '--json']);
  const order = bob.timeline.map((t) => t.phase);
  for (const [before_, after_] of [['data_loading', 'model_training'], ['model_training', 'model_evaluation']]) {
    assert.ok(order.indexOf(before_!) >= 0 && order.indexOf(before_!) < order.lastIndexOf(after_!), `${before_} before ${after_}: ${order}`);
  }
  const csv = bob.data.find((d) => d.path.endsWith('/data/apartments.csv'));
  assert.ok(csv && /^[0-9a-f]{64}$/.test(csv.sha256), JSON.stringify(bob.data));
  assert.ok(bob.data.some((d) => d.write && d.path.endsWith('/out/price_vs_size.png')), 'the plot written');
  assert.ok(bob.datasets.some((d) => d.name === 'houses' && d.columns.includes('price')));
  const lr = bob.parameters.filter((p) => (p.estimator ?? '').endsWith('LinearRegression'));
  const names = lr.map((p) => p.name);
  for (const name of ['copy_X', 'fit_intercept', 'n_jobs', 'positive']) assert.ok(names.includes(name), `LinearRegression.${name} in ${names}`);
  assert.ok(lr.every((p) => p.is_default), 'Bob wrote no LinearRegression parameter: all are defaults');
  const mae = bob.metrics.find((m) => m.function.endsWith('mean_absolute_error'));
  assert.ok(mae, JSON.stringify(bob.metrics));
  assert.equal(Math.round(mae.value!), maeOf('bob'));
  assert.ok(bob.environment.distributions.some((d) => d.name.toLowerCase().replace(/_/g, '-') === 'scikit-learn'));
});

test("diff Bob → Alice: the new features are a code change, the data is the same, the error fell", () => {
  const d = cliJson<{ data: { change: string }[]; code: { change: string; diff: string }[]; metrics: { metric: string; a: number; b: number }[] }>(['diff', runs.bob!, runs.alice!, '--json']);
  assert.ok(d.data.filter((x) => x.change !== 'same').every((x) => !x.change.includes('content')), JSON.stringify(d.data));
  const script = d.code[0]!;
  assert.equal(script.change, 'changed');
  assert.match(script.diff, /^\+houses\["dist_centre"\] = km\(/m);
  // Metrics are compared by the variable they were assigned to (`mae = mean_absolute_error(...)`).
  const mae = d.metrics.find((m) => m.metric === 'mae')!;
  assert.deepEqual([Math.round(mae.a), Math.round(mae.b)], [maeOf('bob'), maeOf('alice')]);
  const text = runCli(daemon.home, ['diff', runs.bob!, runs.alice!]);
  assert.match(text.stdout, /^\s*mae\b/m);
});

test("diff Bob → Charlie: same path, different content; a neural network's parameters", () => {
  const d = cliJson<{ data: { path: string; change: string }[]; parameters: { key: string; change: string }[] }>(['diff', runs.bob!, runs.charlie!, '--json']);
  const csv = d.data.find((x) => x.path.endsWith('/data/apartments.csv'))!;
  assert.equal(csv.change, 'content changed');
  assert.ok(d.parameters.some((p) => p.key === 'MLPRegressor.hidden_layer_sizes' && p.change === 'added'));
  assert.ok(d.parameters.some((p) => p.key === 'LinearRegression.fit_intercept' && p.change === 'removed'));
  const text = runCli(daemon.home, ['diff', runs.bob!, runs.charlie!]).stdout;
  assert.match(text, /apartments\.csv: content changed/);
});

test("lineage: input file → variables → model → metric", () => {
  const l = cliJson<{ nodes: { id: string; kind: string; label: string }[]; edges: { from: string; to: string }[] }>(['lineage', runs.bob!, '--format', 'json']);
  const next = new Map<string, string[]>();
  for (const e of l.edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const reach = (from: string): Set<string> => {
    const seen = new Set<string>([from]);
    const todo = [from];
    while (todo.length) for (const n of next.get(todo.pop()!) ?? []) if (!seen.has(n)) { seen.add(n); todo.push(n); }
    return seen;
  };
  const file = l.nodes.find((n) => n.kind === 'file' && n.label.endsWith('/data/apartments.csv'))!;
  assert.ok(file, JSON.stringify(l.nodes));
  const reached = [...reach(file.id)].map((id) => l.nodes.find((n) => n.id === id)!);
  assert.ok(reached.some((n) => n.kind === 'model' && n.label.includes('LinearRegression')), 'file reaches the model');
  assert.ok(reached.some((n) => n.kind === 'metric' && n.label.includes('mean_absolute_error')), 'file reaches the metric');
  const mermaid = runCli(daemon.home, ['lineage', runs.bob!]).stdout;
  assert.match(mermaid, /^flowchart LR/);
  assert.match(runCli(daemon.home, ['lineage', runs.bob!, '--format', 'dot']).stdout, /^digraph lineage/);
});

test('runs filters find runs by parameter, metric and phase', () => {
  const ids = (args: string[]): string[] => cliJson<{ id: string }[]>(['runs', '--format', 'json', ...args]).map((r) => r.id);
  assert.deepEqual(ids(['--param', 'hidden_layer_sizes=(64, 32)']), [runs.charlie]);
  const under = Math.max(maeOf('alice'), maeOf('charlie')) + 1;
  assert.deepEqual(ids(['--metric', `mae<${under}`, '--script', 'apartments']).sort(), [runs.alice, runs.charlie].sort());
  assert.ok(ids(['--phase', 'model_training']).includes(runs.bob!));
});

test("the record's own cost is in show's tracing cost (issue 10: record_ns, record_reduced from RunEnd)", () => {
  const [row] = sql<{ record_ns: number; record_reduced: number; agent_cpu_ns: number }>(daemon.home,
    `SELECT record_ns, record_reduced, agent_cpu_ns FROM runs WHERE run_id = '${runs.bob}'`);
  assert.ok(row && Number(row.record_ns) > 0 && Number(row.record_ns) <= Number(row.agent_cpu_ns), JSON.stringify(row));
  assert.equal(Number(row.record_reduced), 0);
  const r = runCli(daemon.home, ['show', runs.bob!]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\n {2}record {4}[\d.]+ ms of it at statement ends \(variable summaries, file scans\), within its budget\n/);
});

test('Listing 1: phases in order, alpha and iterations as parameters, the error as a metric', async () => {
  const dir = join(EXAMPLES, 'listing1');
  const r = runTraced(VENV_PY, join(dir, 'listing1.py'), daemon.home, { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const runId = await runIdOf('/listing1.py');
  const rec = cliJson<Record_>(['show', runId, '--json']);
  const order = rec.timeline.map((t) => t.phase).filter((p) => p !== 'setup' && p !== 'other');
  const firsts = ['data_loading', 'feature_engineering', 'model_training', 'model_evaluation'].map((p) => order.indexOf(p));
  assert.ok(firsts.every((i, k) => i >= 0 && (k === 0 || i > firsts[k - 1]!)), `phase order: ${order}`);
  const literal = Object.fromEntries(rec.parameters.filter((p) => p.source === 'literal').map((p) => [p.name, p.value]));
  assert.equal(literal.alpha, '0.1');
  assert.equal(literal.iterations, '900');
  const error = rec.metrics.find((m) => m.function === 'error');
  assert.ok(error, JSON.stringify(rec.metrics));
  assert.equal(error.value!.toFixed(4), /prediction error: ([\d.]+)/.exec(r.stdout)![1]);
});

test('secrets in variables and the environment never reach the store', async () => {
  const r = runTraced(VENV_PY, join(FIXTURES_DIR, 'scripts', 'secrets_run.py'), daemon.home, { env: { DB_PASSWORD: 'hunter2-secret-value', MY_SERVICE_TOKEN: 'hunter2-secret-value' } });
  assert.equal(r.status, 0, r.stderr);
  await runIdOf('/secrets_run.py');
  const tables = sql<{ table_name: string }>(daemon.home, `SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'`);
  assert.ok(tables.length > 10);
  for (const { table_name } of tables) {
    // (the script's source, stored as code, holds only the two halves of the literal)
    const [hit] = sql<{ n: number }>(daemon.home, `SELECT count(*) AS n FROM "${table_name}" t WHERE CAST(t AS VARCHAR) LIKE '%hunter2-secret-value%'`);
    assert.equal(hit!.n, 0, `secret found in ${table_name}`);
  }
  const names = sql<{ name: string }>(daemon.home, `SELECT name FROM run_environment WHERE redacted`).map((v) => v.name);
  assert.ok(names.includes('DB_PASSWORD') && names.includes('MY_SERVICE_TOKEN'), `redacted: ${names}`);
});
