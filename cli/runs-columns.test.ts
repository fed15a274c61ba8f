/**
 * `labtrace runs --columns` (issue 14): chosen parameter and metric columns in the runs table, through
 * the real CLI process and a real daemon: bob.py (scikit-learn, in the repo's .venv) records
 * LinearRegression's parameters and a mean absolute error; a plain script records neither.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, runTraced, sql, useDaemon, waitFor, type DaemonProcess } from '../test/support/daemon-fixture.js';
import { traceApartments, type ApartmentsRun } from '../test/support/apartments-run.js';
import { discoverPythons } from '../test/support/pythons.js';

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));
let bob: ApartmentsRun | undefined;
let plainId = '';
let mae = 0;

const cli = (...args: string[]): ReturnType<typeof runCli> => runCli(daemon.home, args);

before(async () => {
  await waitFor('the daemon', () => daemon !== undefined);
  bob = await traceApartments(daemon);
  const script = join(daemon.home.root, 'plain.py');
  writeFileSync(script, 'print(sum(range(10)))\n');
  assert.equal(runTraced(discoverPythons().at(-1)!.executable, script, daemon.home).status, 0);
  plainId = (await waitFor('the plain run ended', () => sql<{ run_id: string }>(daemon.home, "SELECT run_id FROM runs WHERE script LIKE '%/plain.py' AND status = 'ok'")[0])).run_id;
  mae = sql<{ value: number }>(daemon.home, `SELECT value FROM metrics WHERE run_id = '${bob.runId}' AND function LIKE '%mean_absolute_error' ORDER BY t_ns DESC LIMIT 1`)[0]!.value;
});

after(() => bob?.remove());

type Row = Record<string, unknown>;

test('--columns adds parameter and metric columns: last values, short metric names, empty when the run has none', () => {
  const r = cli('runs', '--columns', 'fit_intercept,mae', '--columns', 'no_such_thing', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Row[];
  const bobRow = rows.find((x) => x.id === bob!.runId)!;
  const plainRow = rows.find((x) => x.id === plainId)!;
  assert.deepEqual(Object.keys(bobRow).slice(-3), ['fit_intercept', 'mae', 'no_such_thing']);
  assert.equal(bobRow.fit_intercept, 'True');
  assert.equal(bobRow.mae, mae);
  assert.ok(mae > 0);
  assert.equal(bobRow.no_such_thing, null);
  assert.deepEqual([plainRow.fit_intercept, plainRow.mae, plainRow.no_such_thing], [null, null, null]);
  assert.equal(bobRow.status, 'ok', 'the usual columns stay');
});

test('--columns in table and csv', () => {
  const table = cli('runs', '--columns', 'mae, fit_intercept');
  assert.equal(table.status, 0, table.stderr);
  const [header, , ...lines] = table.stdout.split('\n');
  assert.match(header!, /\bbackend\s+mae\s+fit_intercept$/);
  assert.match(lines.find((l) => l.startsWith(bob!.runId))!, new RegExp(`\\s${String(mae).replace('.', '\\.')}\\s+True$`));
  const csv = cli('runs', '--columns', 'mae,fit_intercept', '--format', 'csv');
  assert.equal(csv.status, 0, csv.stderr);
  const csvLines = csv.stdout.trimEnd().split('\n');
  assert.match(csvLines[0]!, /,backend,mae,fit_intercept$/);
  assert.match(csvLines.find((l) => l.startsWith(bob!.runId))!, new RegExp(`,${String(mae).replace('.', '\\.')},True$`));
  assert.match(csvLines.find((l) => l.startsWith(plainId))!, /,,$/);
});

test('--columns usage errors exit 2 with one line and a hint', () => {
  for (const [args, message] of [[['--columns', 'status'], /--columns status: already a column/], [['--columns', ' , '], /expected parameter or metric names/]] as const) {
    const r = cli('runs', ...args);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trimEnd().split('\n').length, 2, r.stderr);
  }
  assert.match(cli('runs', '--help').stdout, /--columns alpha,mse/);
});
