/**
 * Lose nothing: with the daemon down the agent spools and the daemon ingests the spool at start,
 * exactly once; with the daemon killed (SIGKILL) mid-run, the run is complete after a restart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DaemonProcess, TempHome, runTraced, sql, sleep, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { FIXTURES_DIR } from '../support/paths.js';
import { discoverPythons } from '../support/pythons.js';
import { spawn } from 'node:child_process';
import { AGENT_DIR } from '../support/paths.js';

const BASIC = join(FIXTURES_DIR, 'scripts', 'basic_run.py');
const LONG = join(FIXTURES_DIR, 'scripts', 'long_run.py');
const python = discoverPythons().find((p) => p.minor === 12) ?? discoverPythons()[0]!;

function kindCounts(home: TempHome, runId: string): Record<string, number> {
  return Object.fromEntries(sql<{ kind: string; n: number }>(home, `SELECT kind, count(*) AS n FROM events WHERE run_id = '${runId}' GROUP BY 1 ORDER BY 1`).map((r) => [r.kind, r.n]));
}

test('daemon down: the run spools and is ingested once at daemon start, same counts as a live run', async () => {
  const home = new TempHome();
  try {
    const offline = runTraced(python.executable, BASIC, home);
    assert.equal(offline.status, 0, offline.stderr);
    const spooled = readdirSync(home.paths.spool).filter((f) => f.endsWith('.spool'));
    assert.equal(spooled.length, 1, `spool: ${readdirSync(home.paths.spool)}`);
    const daemon = await DaemonProcess.start(home);
    try {
      await waitFor('spool ingested and deleted', () => readdirSync(home.paths.spool).filter((f) => f.endsWith('.spool')).length === 0);
      const online = runTraced(python.executable, BASIC, home);
      assert.equal(online.status, 0);
      const rows = await waitFor('both runs ended', () => {
        const r = sql<{ run_id: string; status: string; events_ingested: number; events_recorded: number }>(home,
          `SELECT run_id, status, events_ingested, events_recorded FROM runs WHERE status <> 'running' ORDER BY started_at`);
        return r.length === 2 ? r : undefined;
      });
      for (const r of rows) assert.equal(r.events_ingested, r.events_recorded, 'every recorded event stored');
      assert.deepEqual(kindCounts(home, rows[0]!.run_id), kindCounts(home, rows[1]!.run_id));
      const sources = sql<{ source: string }>(home, `SELECT DISTINCT source FROM batches WHERE run_id = '${rows[0]!.run_id}'`).map((s) => s.source);
      assert.deepEqual(sources, ['spool']);
      // Ingesting again (by hand) stores nothing twice.
      const before = sql<{ n: number }>(home, 'SELECT count(*) AS n FROM event_log')[0]!.n;
      await fetch(`http://127.0.0.1:${daemon.port}/v1/ingest-spool`, { method: 'POST', headers: { authorization: `Bearer ${daemon.token}` } });
      assert.equal(sql<{ n: number }>(home, 'SELECT count(*) AS n FROM event_log')[0]!.n, before);
    } finally {
      await daemon.stop();
    }
  } finally {
    home.remove();
  }
});

test('daemon killed mid-run: after a restart the run is complete, nothing stored twice', async () => {
  const home = new TempHome();
  let daemon = await DaemonProcess.start(home);
  try {
    const env: Record<string, string | undefined> = { ...process.env, PYTHONPATH: AGENT_DIR, LABTRACE_HOME: home.root, LABTRACE_DEBUG: '1' };
    delete env.LABTRACE_DISABLE;
    const child = spawn(python.executable, [LONG, '3'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await waitFor('some batches committed live', () => sql<{ n: number }>(home, `SELECT count(*) AS n FROM batches WHERE source = 'ws'`)[0]!.n >= 2, 15_000, () => `${storeDiagnosis(home)}\nagent: ${stderr}`);
    await daemon.kill();
    assert.equal(await exited, 0);
    assert.equal(stdout, 'rounds done\n');
    daemon = await DaemonProcess.start(home);
    const run = await waitFor('run complete after restart', () => {
      const r = sql<{ run_id: string; status: string; events_ingested: number; events_recorded: number }>(home,
        `SELECT run_id, status, events_ingested, events_recorded FROM runs WHERE script LIKE '%long_run.py'`)[0];
      return r && r.status !== 'running' ? r : undefined;
    }, 30_000);
    assert.equal(run.status, 'ok');
    assert.ok(run.events_recorded > 0);
    assert.equal(run.events_ingested, run.events_recorded);
    const [{ n: stored }] = sql<{ n: number }>(home, `SELECT count(*) AS n FROM events WHERE run_id = '${run.run_id}'`);
    assert.equal(stored, run.events_recorded);
    const sources = sql<{ source: string; n: number }>(home, `SELECT source, count(*) AS n FROM batches WHERE run_id = '${run.run_id}' GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(sources.map((s) => s.source), ['spool', 'ws']);
    await sleep(100);
  } finally {
    await daemon.stop();
    home.remove();
  }
});

test('an agent killed without goodbye leaves a run marked lost, not running forever', async () => {
  const home = new TempHome();
  const daemon = await DaemonProcess.start(home);
  try {
    const env: Record<string, string | undefined> = { ...process.env, PYTHONPATH: AGENT_DIR, LABTRACE_HOME: home.root };
    delete env.LABTRACE_DISABLE;
    const child = spawn(python.executable, [LONG, '30'], { env, stdio: 'ignore' });
    await waitFor('run started live', () => sql<{ n: number }>(home, `SELECT count(*) AS n FROM batches WHERE source = 'ws'`)[0]!.n >= 1, 15_000, () => storeDiagnosis(home));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const run = await waitFor('run marked lost', () => sql<{ status: string; end_reason: string }>(home,
      `SELECT status, end_reason FROM runs WHERE script LIKE '%long_run.py' AND status <> 'running'`)[0], 30_000);
    assert.deepEqual(run, { status: 'lost', end_reason: 'agent vanished without run end' });
  } finally {
    await daemon.stop();
    home.remove();
  }
});
