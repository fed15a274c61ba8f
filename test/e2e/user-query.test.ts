/**
 * `labtrace query` against the real daemon and, with the daemon stopped, against the file: writes
 * refused and the store intact, a time limit, cancellation when the CLI dies, a capped result, and a
 * daemon that answers status, `runs` and agents while a long query runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DaemonProcess, runCli, sql, useDaemon, waitFor, type CliResult } from '../support/daemon-fixture.js';
import { FakeAgent, batchFrame, endFrame, helloFrame, newRunId } from '../support/fake-agent.js';
import { CLI_MAIN } from '../support/paths.js';

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));

const SLOW = 'SELECT count(*) FROM range(1000000000) a, range(1000000) b';
const BIG = "SELECT i, i * 2 AS j, 'a label' AS s FROM range(3000000) t(i)";

async function storeRun(batches = 5, per = 1000): Promise<string> {
  const runId = newRunId();
  const agent = await FakeAgent.connect(daemon.port, daemon.token);
  agent.send(helloFrame(runId));
  for (let seq = 1; seq <= batches; seq++) agent.send(batchFrame(seq, per));
  agent.send(endFrame(batches + 1));
  await agent.until((a) => a.acked(batches + 1));
  agent.close();
  return runId;
}

function cliAsync(args: string[]): { done: Promise<CliResult & { ms: number }>; kill: () => void } {
  const t0 = Date.now();
  const child = spawn(process.execPath, [CLI_MAIN, '--home', daemon.home.root, ...args], { env: { ...process.env, LABTRACE_DISABLE: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult & { ms: number }>((resolve) => child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr, ms: Date.now() - t0 })));
  return { done, kill: () => child.kill('SIGKILL') };
}

function refusedStatements(dir: string): string[] {
  return [
    'delete from runs', 'DROP TABLE runs', "UPDATE runs SET status = 'x'", "INSERT INTO event_kinds VALUES (200, 'x')", 'CREATE TABLE t (a INT)',
    `ATTACH '${join(dir, 'other.db')}' AS o`, 'DETACH o', `COPY runs TO '${join(dir, 'out.csv')}'`, `EXPORT DATABASE '${join(dir, 'export')}'`,
    'PRAGMA threads=1', 'SET threads = 1', 'CHECKPOINT', 'CALL checkpoint()', 'SELECT 1; DROP TABLE runs', 'SELECT 1; SELECT 2', 'EXPLAIN ANALYZE DELETE FROM runs',
  ];
}

function counts(): string {
  return JSON.stringify(sql(daemon.home, 'SELECT (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM event_log) AS events, (SELECT count(*) FROM duckdb_tables()) AS tables, (SELECT count(*) FROM event_kinds) AS kinds'));
}

function assertRefusedAndIntact(): void {
  const before = counts();
  for (const statement of refusedStatements(daemon.home.root)) {
    const r = runCli(daemon.home, ['query', statement]);
    assert.equal(r.status, 1, `${statement}: ${r.stdout}`);
    assert.match(r.stderr, /^labtrace: refused: /m, statement);
    assert.match(r.stderr, /hint: .*read/, statement);
  }
  assert.equal(counts(), before);
  for (const f of ['other.db', 'out.csv', 'export']) assert.equal(existsSync(join(daemon.home.root, f)), false, f);
  const runs = runCli(daemon.home, ['runs', '--format', 'json']);
  assert.equal(runs.status, 0, runs.stderr);
  assert.ok((JSON.parse(runs.stdout) as unknown[]).length >= 1);
}

test('through the daemon: writes, DDL, file output and several statements are refused; the store is intact', async () => {
  await storeRun();
  assertRefusedAndIntact();
  const ok = runCli(daemon.home, ['query', 'SELECT count(*) AS n FROM runs', '--format', 'json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), [{ n: 1 }]);
});

test('a big result is cut at --max-rows (default 100000) with a notice on stderr', () => {
  const cut = runCli(daemon.home, ['query', 'SELECT * FROM range(250000) t(i)', '--format', 'csv']);
  assert.equal(cut.status, 0, cut.stderr);
  assert.equal(cut.stdout.trim().split('\n').length, 100_001);
  assert.match(cut.stderr, /cut at 100000 rows .*LIMIT\/OFFSET.*--max-rows/);
  const all = runCli(daemon.home, ['query', 'SELECT * FROM range(120000) t(i)', '--format', 'csv', '--max-rows', '120000']);
  assert.equal(all.stdout.trim().split('\n').length, 120_001);
  assert.equal(all.stderr, '');
});

test('the time limit stops a slow query with a clear error', async () => {
  const r = await cliAsync(['query', SLOW, '--timeout', '1']).done;
  assert.equal(r.status, 1);
  assert.match(r.stderr, /the query was stopped after 1 s \(its time limit\)/);
  assert.match(r.stderr, /--timeout/);
  assert.ok(r.ms < 15_000, `${r.ms} ms`);
});

test('while a long query runs, status, runs and ingest answer; killing its CLI cancels it', async () => {
  const queriesRunning = (): number => {
    const r = runCli(daemon.home, ['daemon', 'status', '--json']);
    assert.equal(r.status, 0, r.stderr);
    return Number((JSON.parse(r.stdout) as { queries_running: number }).queries_running);
  };
  // One query computes for long, one answers 3M rows (it made the old daemon's event loop stall for seconds).
  const long = cliAsync(['query', SLOW, '--timeout', '300']);
  const big = cliAsync(['query', BIG, '--timeout', '300', '--max-rows', '3000000', '--format', 'csv']);
  await new Promise((r) => setTimeout(r, 2000)); // both run (status is not asked before: it is what is tested)

  const t0 = Date.now();
  const status = runCli(daemon.home, ['daemon', 'status']);
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, /labtrace daemon: running/);
  assert.match(status.stdout, /queries running: +[12]/);
  const runs = runCli(daemon.home, ['runs', '--format', 'json']);
  assert.equal(runs.status, 0, runs.stderr);
  assert.ok(Date.now() - t0 < 10_000, `status and runs took ${Date.now() - t0} ms`);
  assert.ok(queriesRunning() >= 1);
  const runId = await storeRun(3, 500);
  assert.deepEqual(sql(daemon.home, `SELECT status, events_ingested FROM runs WHERE run_id = '${runId}'`), [{ status: 'ok', events_ingested: 1500 }]);

  long.kill();
  big.kill();
  await Promise.all([long.done, big.done]);
  await waitFor('the query of the killed CLI to stop', () => queriesRunning() === 0, 10_000);
  assert.match(runCli(daemon.home, ['query', 'SELECT 1 AS one']).stdout, /one/);
});

test('without the daemon (the file opened read-only): the same refusals and limits', async () => {
  await daemon.stop();
  assertRefusedAndIntact();
  const r = await cliAsync(['query', SLOW, '--timeout', '1']).done;
  assert.equal(r.status, 1);
  assert.match(r.stderr, /stopped after 1 s/);
  const cut = runCli(daemon.home, ['query', 'SELECT * FROM range(150000) t(i)', '--format', 'csv']);
  assert.equal(cut.stdout.trim().split('\n').length, 100_001);
  assert.match(cut.stderr, /cut at 100000 rows/);
});
