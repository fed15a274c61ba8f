/**
 * The exit never waits long on a daemon that answers slowly (issue 10), and loses nothing: a real daemon
 * behind a proxy that delays everything it says after the WebSocket upgrade by 400 ms (BatchAcks of a
 * daemon whose commits are slow). The agent sends its final batch and RunEnd live, waits agent.EXIT_WAIT
 * for the ack, then spools what is unacknowledged; the daemon receives those frames twice (live and
 * from the spool) and stores each once. The agent before this waited 0.3 s for the ack (fails here).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { DaemonProcess, TempHome, sql, waitFor, storeDiagnosis, tracedEnv } from '../support/daemon-fixture.js';
import { discoverPythons } from '../support/pythons.js';

const REPLY_DELAY_MS = 400;
const BOUND_S = 0.15; // agent.EXIT_WAIT (5 ms) plus the final flush's CPU and interpreter teardown under load

const SCRIPT = `\
import atexit, sys, time
def first(i):
    return i * 2
def last(i):
    return i * 3
for i in range(5):
    first(i)
time.sleep(0.7)   # past the first flush interval and a BatchAck: the run is live
for i in range(7):
    last(i)       # (in the final batch)
atexit.register(lambda: sys.stderr.write("%r\\n" % time.time()))
print("done")
`;

/** Forwards agent -> daemon at once; daemon -> agent at once up to the upgrade's end, then REPLY_DELAY_MS late. */
function slowReplyProxy(daemonPort: number): Promise<Server> {
  const server = createServer((agent: Socket) => {
    const daemon = connect(daemonPort, '127.0.0.1');
    let upgraded = false;
    let head = '';
    agent.on('data', (d) => daemon.write(d));
    daemon.on('data', (d) => {
      if (!upgraded) {
        head += d.toString('latin1');
        upgraded = head.includes('\r\n\r\n');
        agent.write(d); // (the upgrade answer and whatever came with it: the agent reads its head within 0.2 s)
        return;
      }
      setTimeout(() => agent.writable && agent.write(d), REPLY_DELAY_MS);
    });
    const drop = (): void => {
      setTimeout(() => daemon.destroy(), REPLY_DELAY_MS + 100); // (the daemon reads all the agent sent)
      agent.destroy();
    };
    agent.on('close', () => daemon.end());
    agent.on('error', drop);
    daemon.on('close', () => setTimeout(() => agent.destroy(), REPLY_DELAY_MS + 50));
    daemon.on('error', drop);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let daemon: DaemonProcess;
let proxy: Server;
let agentHome: TempHome;

before(async () => {
  daemon = await DaemonProcess.start();
  proxy = await slowReplyProxy(daemon.port);
  // the agent's home: the proxy's port, the daemon's token, the daemon's spool directory
  agentHome = new TempHome('labtrace-exit-bound-');
  const address = proxy.address();
  assert.ok(address && typeof address === 'object');
  writeFileSync(agentHome.paths.port, `${address.port}\n`);
  writeFileSync(agentHome.paths.token, readFileSync(daemon.home.paths.token));
  mkdirSync(daemon.home.paths.spool, { recursive: true });
  symlinkSync(daemon.home.paths.spool, agentHome.paths.spool);
  writeFileSync(join(agentHome.root, 'exit_bound.py'), SCRIPT);
});

after(async () => {
  proxy?.close();
  await daemon?.stop();
  daemon?.home.remove();
  agentHome?.remove();
});

async function duplicatesSkipped(): Promise<number> {
  const r = await fetch(`http://127.0.0.1:${daemon.port}/v1/status`, { headers: { authorization: `Bearer ${daemon.token}` } });
  return ((await r.json()) as { duplicates_skipped: number }).duplicates_skipped;
}

for (const python of discoverPythons()) {
  test(`${python.label}: the exit waits at most a few ms for a slow daemon's ack; every event stored once`, async () => {
    const skippedBefore = await duplicatesSkipped();
    const child = spawn(python.executable, [join(agentHome.root, 'exit_bound.py')], { env: tracedEnv(agentHome), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(Date.now() / 1000)));
    const closed = new Promise((resolve) => child.once('close', resolve));
    const exitedAt = await exited;
    await closed;
    assert.equal(stdout, 'done\n', stderr);
    const waited = exitedAt - Number(stderr.trim().split('\n').pop());
    assert.ok(waited < BOUND_S, `the exit waited ${(waited * 1000).toFixed(0)} ms after the last atexit handler`);

    const run = await waitFor('run ended and stored', () => {
      const r = sql<{ run_id: string; status: string; events_ingested: number; events_recorded: number }>(daemon.home,
        `SELECT run_id, status, events_ingested, events_recorded FROM runs WHERE pid = ${child.pid} AND status <> 'running'`)[0];
      return r && r.events_ingested === r.events_recorded ? r : undefined;
    }, 30_000, () => storeDiagnosis(daemon.home));
    assert.equal(run.status, 'ok');
    const [{ n: stored }] = sql<{ n: number }>(daemon.home, `SELECT count(*) AS n FROM events WHERE run_id = '${run.run_id}'`);
    assert.equal(stored, run.events_recorded, 'every recorded event stored once');
    const calls = sql<{ qualname: string; n: number }>(daemon.home,
      `SELECT qualname, count(*) AS n FROM calls WHERE run_id = '${run.run_id}' AND kind = 'call' AND qualname IN ('first', 'last') GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(calls.map((c) => [c.qualname, c.n]), [['first', 5], ['last', 7]]);
    const seqs = sql<{ seq: number; source: string }>(daemon.home, `SELECT seq, source FROM batches WHERE run_id = '${run.run_id}' ORDER BY seq`);
    assert.deepEqual(seqs.map((s) => s.seq), seqs.map((_, i) => i + 1), 'each frame once, none missing');
    assert.ok(seqs.some((s) => s.source === 'ws'), 'the run was live');
    // the unacknowledged tail reached the daemon twice (live, then the spool): one copy was skipped
    await waitFor('the spool copy read and skipped', async () => (await duplicatesSkipped()) > skippedBefore, 30_000);
  });
}
