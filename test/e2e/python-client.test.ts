/**
 * The Python client (python-agent/labtrace) against a real daemon and, once it is stopped, against the
 * store opened read-only: `from labtrace import runs, run, query` gives pandas DataFrames on the
 * repo's .venv (pandas, pyarrow and duckdb; rows as Arrow from the daemon, types kept) and lists of
 * dicts on every bare CPython 3.8-3.13 (stdlib only, JSON), which without a daemon need duckdb and say so.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { DaemonProcess, waitFor } from '../support/daemon-fixture.js';
import { AGENT_DIR } from '../support/paths.js';
import { discoverPythons } from '../support/pythons.js';
import { VENV_PY, traceApartments, type ApartmentsRun } from '../support/apartments-run.js';

let daemon: DaemonProcess;
let bob: ApartmentsRun;

before(async () => {
  daemon = await DaemonProcess.start();
  bob = await traceApartments(daemon);
});

after(async () => {
  await daemon.stop();
  daemon.home.remove();
  bob.remove();
});

/** Runs `code` with the client importable (agent off: these probes are not runs), printing one JSON line. */
function probe<T>(python: string, code: string): T {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PYTHONPATH: AGENT_DIR, LABTRACE_HOME: daemon.home.root, LABTRACE_DISABLE: '1' };
  const r = spawnSync(python, ['-c', `import json, sys, warnings\nimport labtrace\n${code}`], { encoding: 'utf8', env, timeout: 120_000 });
  assert.equal(r.status, 0, `${python}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

/** What the .venv probe reports: the record read through the client, as pandas sees it. */
const PANDAS_PROBE = `
df = labtrace.runs(limit=5)
rec = labtrace.run(RUN[:8])
m = labtrace.query("SELECT function, value FROM metrics WHERE run_id = $1 AND source = $2", [RUN, "return"])
arrow = labtrace.query("SELECT run_id, started_at, events_ingested FROM runs", output="arrow")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    capped = labtrace.query("SELECT * FROM range(5000)", max_rows=3000)
try:
    labtrace.query("DELETE FROM runs")
    refused = None
except labtrace.LabtraceError as err:
    refused = err.code
print(json.dumps({
    "runs_type": type(df).__name__, "run_ids": list(df["run_id"]), "started_dtype": str(df["started_at"].dtype),
    "record": [rec.run_id, rec.info["status"], type(rec.parameters).__name__],
    "params": sorted(set(rec.parameters["name"])), "files": [p.rsplit("/", 1)[-1] for p in rec.files["path"]],
    "phases": list(rec.phases["phase"]), "metrics": [[f.rsplit(".", 1)[-1], v] for f, v in zip(m["function"], m["value"])],
    "arrow": [type(arrow).__name__, str(arrow.schema.field("started_at").type), str(arrow.schema.field("events_ingested").type)],
    "capped": [len(capped), [str(w.message) for w in caught]], "refused": refused, "duckdb_loaded": "duckdb" in sys.modules,
}))`;

interface PandasProbe {
  runs_type: string;
  run_ids: string[];
  started_dtype: string;
  record: [string, string, string];
  params: string[];
  files: string[];
  phases: string[];
  metrics: [string, number][];
  arrow: [string, string, string];
  capped: [number, string[]];
  refused: string | null;
  duckdb_loaded: boolean;
}

function checkPandasProbe(p: PandasProbe): void {
  assert.equal(p.runs_type, 'DataFrame');
  assert.deepEqual(p.run_ids, [bob.runId]);
  assert.match(p.started_dtype, /^datetime64/);
  assert.deepEqual(p.record, [bob.runId, 'ok', 'DataFrame']);
  for (const name of ['fit_intercept', 'copy_X', 'positive']) assert.ok(p.params.includes(name), `${name} in ${p.params.join(', ')}`);
  assert.ok(p.files.includes('apartments.csv'), p.files.join(', '));
  for (const phase of ['data_loading', 'model_training', 'model_evaluation']) assert.ok(p.phases.includes(phase), `${phase} in ${p.phases.join(', ')}`);
  const mae = p.metrics.find(([f]) => f === 'mean_absolute_error');
  assert.ok(mae && mae[1] > 0, JSON.stringify(p.metrics));
  assert.deepEqual(p.arrow, ['Table', 'timestamp[us]', 'int64']);
  assert.equal(p.capped[0], 3000);
  assert.ok(p.capped[1].some((w) => /cut at 3000 rows/.test(w)), p.capped[1].join(' | '));
  assert.equal(p.refused, 'READ_ONLY_SQL');
}

test('live daemon: pandas DataFrames from the .venv, rows as Arrow, duckdb never loaded', () => {
  const p = probe<PandasProbe>(VENV_PY, `RUN = ${JSON.stringify(bob.runId)}\n${PANDAS_PROBE}`);
  checkPandasProbe(p);
  assert.equal(p.duckdb_loaded, false, 'the client opened the store although a daemon runs');
});

const RECORDS_PROBE = `
rows = labtrace.runs(status=["ok", "failed"])
rec = labtrace.run("latest")
print(json.dumps({"type": type(rows).__name__, "ids": [r["run_id"] for r in rows], "rec": [rec.run_id, type(rec.metrics).__name__],
                  "mae": [m["value"] for m in rec.metrics if m["function"].endswith("mean_absolute_error")]}))`;

test('live daemon: lists of dicts on every bare CPython (stdlib only)', () => {
  const pythons = discoverPythons();
  assert.ok(pythons.length > 0);
  for (const py of pythons) {
    const p = probe<{ type: string; ids: string[]; rec: [string, string]; mae: number[] }>(py.executable, RECORDS_PROBE);
    assert.deepEqual([p.type, p.ids, p.rec], ['list', [bob.runId], [bob.runId, 'list']], py.label);
    assert.equal(p.mae.length, 1, py.label);
  }
});

test('daemon stopped: the store read-only through duckdb, the same answers; without duckdb a clear error', async () => {
  await daemon.stop();
  const p = probe<PandasProbe>(VENV_PY, `RUN = ${JSON.stringify(bob.runId)}\n${PANDAS_PROBE}`);
  checkPandasProbe(p);
  assert.equal(p.duckdb_loaded, true);
  const bare = discoverPythons().find((py) => probe<{ has: boolean }>(py.executable, 'import importlib.util as u\nprint(json.dumps({"has": u.find_spec("duckdb") is not None}))').has === false);
  if (!bare) return;
  const e = probe<{ code: string; message: string }>(bare.executable, `
try:
    labtrace.runs()
    print(json.dumps({"code": None, "message": ""}))
except labtrace.LabtraceError as err:
    print(json.dumps({"code": err.code, "message": str(err)}))`);
  assert.equal(e.code, 'MISSING_PACKAGE');
  assert.match(e.message, /not running.*duckdb package[\s\S]*pip install duckdb/);
});

test('a notebook that read the store without a daemon does not keep it: the daemon starts meanwhile', async () => {
  if (daemon.alive) await daemon.stop();
  const env = { ...process.env, PYTHONPATH: AGENT_DIR, LABTRACE_HOME: daemon.home.root, LABTRACE_DISABLE: '1' };
  const holder = spawn(VENV_PY, ['-c', 'import sys, labtrace\nprint(len(labtrace.runs()), flush=True)\nsys.stdin.read()\nprint(len(labtrace.runs()), "duckdb" in sys.modules, flush=True)'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  holder.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise((r) => holder.once('exit', r));
  try {
    await waitFor('the first read', () => output.includes('\n'), 60_000);
    assert.equal(output.trim(), '1');
    daemon = await DaemonProcess.start(daemon.home); // fails if the Python process still held the file
    holder.stdin.end();
    await exited;
    assert.deepEqual(output.trim().split('\n'), ['1', '1 True'], 'the same process then asks the daemon (duckdb stays loaded from before)');
  } finally {
    holder.kill('SIGKILL');
  }
});
