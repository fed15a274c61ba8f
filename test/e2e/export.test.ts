/**
 * labtrace export: one file per table, filtered to the given runs, written through the running
 * daemon (which holds the store's lock) and from the file opened read-only once it is stopped; read
 * back by DuckDB (Parquet, CSV) and by pandas (read_parquet, read_feather with pyarrow, in .venv);
 * --partition-by run as Hive-style directories read back the same way.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DaemonProcess, runCli, runTraced, sql, waitFor } from '../support/daemon-fixture.js';
import { VENV_PY, traceApartments, type ApartmentsRun } from '../support/apartments-run.js';

let daemon: DaemonProcess;
let bob: ApartmentsRun;
let other: string;
const outDirs: string[] = [];

before(async () => {
  daemon = await DaemonProcess.start();
  bob = await traceApartments(daemon);
  // A second run, so that filtering shows.
  const script = join(bob.project, 'other.py');
  spawnSync('sh', ['-c', `printf 'x = sum(range(10))\\nprint(x)\\n' > ${script}`]);
  assert.equal(runTraced(VENV_PY, script, daemon.home, { cwd: bob.project }).status, 0);
  other = (await waitFor('other.py ended', () => sql<{ run_id: string }>(daemon.home, `SELECT run_id FROM runs WHERE script LIKE '%/other.py' AND status = 'ok'`)[0])).run_id;
});

after(async () => {
  await daemon.stop();
  daemon.home.remove();
  bob.remove();
  for (const d of outDirs) rmSync(d, { recursive: true, force: true });
});

function outDir(name: string): string {
  const dir = `${daemon.home.root}-export-${name}`;
  outDirs.push(dir);
  return dir;
}

async function duck<T = Record<string, unknown>>(query: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(query)).getRowObjectsJS() as T[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function pandas(code: string): unknown {
  const r = spawnSync(VENV_PY, ['-c', `import json, pandas as pd\n${code}`], { encoding: 'utf8', env: { ...process.env, LABTRACE_DISABLE: '1' }, timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const count = (table: string, runId: string): number => Number(sql<{ n: number }>(daemon.home, `SELECT count(*) AS n FROM ${table} WHERE run_id = '${runId}'`)[0]!.n);

test('through the running daemon: one Parquet file per table, only the run asked for, read back by DuckDB and pandas', async () => {
  const dir = outDir('parquet');
  const r = runCli(daemon.home, ['export', bob.runId.slice(0, 10), '--format', 'parquet', '--out', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '', 'no progress lines when stderr is not a terminal');
  assert.match(r.stdout, /exported 1 run: \d+ parquet files/);
  const files = readdirSync(dir).sort();
  for (const t of ['runs', 'events', 'code_objects', 'statements', 'hyperparameters', 'metrics', 'file_accesses', 'variables', 'phase_intervals', 'statement_phases', 'source_blobs']) {
    assert.ok(files.includes(`${t}.parquet`), `${t}.parquet in ${files.join(', ')}`);
  }
  assert.ok(!files.some((f) => f.endsWith('.partial')));
  for (const table of ['events', 'metrics', 'hyperparameters', 'file_accesses', 'phase_intervals']) {
    const [row] = await duck<{ n: bigint; runs: bigint }>(`SELECT count(*) AS n, count(DISTINCT run_id) AS runs FROM '${join(dir, `${table}.parquet`)}'`);
    assert.equal(Number(row!.n), count(table, bob.runId), `${table}: the store's rows of the run`);
    assert.ok(Number(row!.n) > 0, `${table} has rows`);
    assert.equal(Number(row!.runs), 1);
  }
  const [run] = await duck<{ run_id: string; status: string }>(`SELECT run_id, status FROM '${join(dir, 'runs.parquet')}'`);
  assert.deepEqual(run, { run_id: bob.runId, status: 'ok' });
  const read = pandas(`
m = pd.read_parquet(${JSON.stringify(join(dir, 'metrics.parquet'))})
p = pd.read_parquet(${JSON.stringify(join(dir, 'hyperparameters.parquet'))})
r = pd.read_parquet(${JSON.stringify(join(dir, 'runs.parquet'))})
print(json.dumps({"functions": sorted(m["function"]), "params": sorted(set(p["name"])), "started": str(r["started_at"].dtype)}))`) as { functions: string[]; params: string[]; started: string };
  assert.ok(read.functions.some((f) => f.endsWith('mean_absolute_error')), read.functions.join(', '));
  assert.ok(read.params.includes('fit_intercept'));
  assert.match(read.started, /^datetime64/);
});

test('every run by default; Arrow IPC files for pandas.read_feather; CSV', async () => {
  const arrow = outDir('arrow');
  const r = runCli(daemon.home, ['export', '--format', 'arrow', '--out', arrow]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /exported every run/);
  const read = pandas(`
e = pd.read_feather(${JSON.stringify(join(arrow, 'events.arrow'))})
r = pd.read_feather(${JSON.stringify(join(arrow, 'runs.arrow'))})
print(json.dumps({"events": len(e), "runs": sorted(r["run_id"]), "t_ns": str(e["t_ns"].dtype), "started": str(r["started_at"].dtype)}))`) as { events: number; runs: string[]; t_ns: string; started: string };
  assert.equal(read.events, count('events', bob.runId) + count('events', other));
  assert.deepEqual(read.runs, [bob.runId, other].sort());
  assert.equal(read.t_ns, 'int64');
  assert.match(read.started, /^datetime64/);
  const csv = outDir('csv');
  assert.equal(runCli(daemon.home, ['export', other, '--format', 'csv', '--out', csv]).status, 0);
  const [row] = await duck<{ n: bigint }>(`SELECT count(*) AS n FROM read_csv('${join(csv, 'events.csv')}')`);
  assert.equal(Number(row!.n), count('events', other));
});

test('--partition-by run: a directory per table, a Hive-style partition per run, read back by DuckDB and pandas', async () => {
  const dir = outDir('partitioned');
  for (let i = 0; i < 2; i++) { // twice: a second export replaces the first
    const r = runCli(daemon.home, ['export', bob.runId, other, '--partition-by', 'run', '--out', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /exported 2 runs: \d+ parquet tables partitioned by run/);
  }
  for (const table of ['metrics', 'runs']) assert.ok(readdirSync(join(dir, table)).some((d) => d.startsWith('run_id=')), table);
  assert.deepEqual(readdirSync(join(dir, 'events')).sort(), [`run_id=${bob.runId}`, `run_id=${other}`].sort());
  assert.ok(existsSync(join(dir, 'source_blobs.parquet')), 'source_blobs (no run_id) stays one file');
  assert.ok(!readdirSync(dir).some((f) => f.endsWith('.partial')));
  const counted = await duck<{ run_id: string; n: bigint }>(`SELECT run_id, count(*) AS n FROM read_parquet('${join(dir, 'events')}/*/*.parquet', hive_partitioning = true) GROUP BY run_id ORDER BY run_id`);
  assert.deepEqual(counted.map((c) => [c.run_id, Number(c.n)]), [[bob.runId, count('events', bob.runId)], [other, count('events', other)]].sort());
  const read = pandas(`
m = pd.read_parquet(${JSON.stringify(join(dir, 'metrics'))})
print(json.dumps({"runs": sorted(set(str(r) for r in m["run_id"]))}))`) as { runs: string[] };
  assert.deepEqual(read.runs, [bob.runId], 'pandas gets run_id back from the directory names (only bob has metrics)');
  const arrow = runCli(daemon.home, ['export', '--partition-by', 'run', '--format', 'arrow', '--out', outDir('arrow-partitioned')]);
  assert.equal(arrow.status, 2);
  assert.match(arrow.stderr, /--partition-by run writes Parquet or CSV files, not Arrow/);
});

test('with the daemon stopped: the store opened read-only, the same files', async () => {
  const expected = count('events', bob.runId);
  await daemon.stop();
  const dir = outDir('offline');
  const r = runCli(daemon.home, ['export', bob.runId, '--out', dir]);
  assert.equal(r.status, 0, r.stderr);
  const [row] = await duck<{ n: bigint; runs: bigint }>(`SELECT count(*) AS n, count(DISTINCT run_id) AS runs FROM '${join(dir, 'events.parquet')}'`);
  assert.equal(Number(row!.n), expected);
  assert.equal(Number(row!.runs), 1);
  assert.ok(existsSync(join(dir, 'phase_intervals.parquet')));
  // A wrong reference is an error before anything is written.
  const bad = runCli(daemon.home, ['export', 'ffffffffff', '--out', outDir('bad')]);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /no run ffffffffff/);
});
