/** The daemon refuses bad clients with clear close codes and keeps serving a concurrent good run. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { DaemonProcess, useDaemon, sql } from '../support/daemon-fixture.js';
import { FakeAgent, batchFrame, endFrame, helloFrame, newRunId } from '../support/fake-agent.js';
import { labtrace } from '../../proto/gen/labtrace.js';

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));

async function refusedWith(frames: (Uint8Array | string)[]): Promise<number | undefined> {
  const agent = await FakeAgent.connect(daemon.port, daemon.token);
  for (const f of frames) agent.send(f);
  await agent.until(() => false, 10_000).catch(() => undefined);
  return agent.closeCode;
}

test('bad clients are refused while a good run is stored complete', async () => {
  const runId = newRunId();
  const good = await FakeAgent.connect(daemon.port, daemon.token);
  good.send(helloFrame(runId));
  const BATCHES = 20;
  const PER = 5000;
  const goodRun = (async () => {
    for (let seq = 1; seq <= BATCHES; seq++) {
      good.send(batchFrame(seq, PER));
      await new Promise((r) => setTimeout(r, 20));
    }
    good.send(batchFrame(3, PER)); // a re-sent duplicate must not be stored twice
    good.send(endFrame(BATCHES + 1));
    await good.until((a) => a.acked(BATCHES + 1));
  })();

  const validBatch = batchFrame(1, 10);
  const badVersion = labtrace.v1.AgentMessage.encode({ hello: { protocolVersion: 99, runId: newRunId() } }).finish();
  const results = await Promise.all([
    refusedWith([Buffer.from('this is not a protobuf frame \xff\xff\xff\xff')]),
    refusedWith(['a text frame']),
    refusedWith([helloFrame(newRunId()), validBatch.subarray(0, validBatch.length - 7)]),
    refusedWith([validBatch]),
    refusedWith([badVersion]),
  ]);
  assert.deepEqual(results, [4003, 4003, 4003, 4005, 4002]);

  // A 100 MB frame is refused on its header, before the daemon buffers it.
  const big = await FakeAgent.connect(daemon.port, daemon.token);
  big.send(Buffer.alloc(100 * 1024 * 1024, 7));
  await big.until(() => false, 20_000).catch(() => undefined);
  assert.equal(big.closeCode, 1009);

  // A wrong token never gets a WebSocket.
  await assert.rejects(FakeAgent.connect(daemon.port, 'f'.repeat(64)), /HTTP 401/);
  // Raw garbage on the TCP port.
  await new Promise<void>((resolve) => {
    const s = connect(daemon.port, '127.0.0.1', () => s.end(Buffer.from([0, 1, 2, 3, 255, 254, 10, 13, 10, 13])));
    s.on('close', () => resolve());
    s.on('error', () => resolve());
  });

  await goodRun;
  assert.ok(daemon.alive, 'daemon survived');
  const [run] = sql<{ status: string; events_ingested: number }>(daemon.home, `SELECT status, events_ingested FROM runs WHERE run_id = '${runId}'`);
  assert.deepEqual(run, { status: 'ok', events_ingested: BATCHES * PER });
  const [events] = sql<{ n: number }>(daemon.home, `SELECT count(*) AS n FROM events WHERE run_id = '${runId}'`);
  assert.equal(events!.n, BATCHES * PER);
  const [batches] = sql<{ n: number }>(daemon.home, `SELECT count(*) AS n FROM batches WHERE run_id = '${runId}'`);
  assert.equal(batches!.n, BATCHES + 1);
  const [calls] = sql<{ n: number; q: string }>(daemon.home, `SELECT count(*) AS n, min(qualname) AS q FROM calls WHERE run_id = '${runId}' AND kind = 'call'`);
  assert.deepEqual(calls, { n: (BATCHES * PER) / 2, q: 'main' });
  const log = (await import('node:fs')).readFileSync(daemon.home.paths.daemonLog, 'utf8');
  assert.match(log, /upgrade refused: bad token/);
  assert.match(log, /agent frame refused/);
});

test('bad SQL gives DuckDB\'s message and exit code 1', async () => {
  const { runCli } = await import('../support/daemon-fixture.js');
  const r = runCli(daemon.home, ['query', 'SELEC nonsense']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Parser Error/);
});
