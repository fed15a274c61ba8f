/**
 * The daemon-wide bound on queued frames (daemon/server/ingest-budget.ts): several agents flooding the
 * daemon at once never have more than the bound queued (plus what each socket had already read when
 * it was paused: the frame that crossed the bound and at most one socket read, 64 KB), and every event
 * is stored exactly once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonProcess, useDaemon, sql } from '../support/daemon-fixture.js';
import { FakeAgent, batchFrame, endFrame, helloFrame, newRunId } from '../support/fake-agent.js';

const BOUND = 512 * 1024;
const AGENTS = 6;
const BATCHES = 40;
const PER = 8192;
/** What one read of a socket hands to ws at most (libuv's read buffer). */
const SOCKET_READ = 64 * 1024;

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d), { LABTRACE_DAEMON_MAX_QUEUED_BYTES: String(BOUND) });

async function status(): Promise<Record<string, number>> {
  const response = await fetch(`http://127.0.0.1:${daemon.port}/v1/status`, { headers: { authorization: `Bearer ${daemon.token}` } });
  assert.equal(response.status, 200);
  return (await response.json()) as Record<string, number>;
}

test(`${AGENTS} agents sending without waiting for acks: queued bytes stay within the bound, every event stored once`, { timeout: 120_000 }, async () => {
  const runs = Array.from({ length: AGENTS }, () => newRunId());
  let frameBytes = 0;
  const agents = await Promise.all(runs.map(() => FakeAgent.connect(daemon.port, daemon.token)));
  await Promise.all(agents.map(async (agent, a) => {
    agent.send(helloFrame(runs[a]!));
    // Everything at once: only the daemon's backpressure (and TCP's) holds these frames back.
    for (let seq = 1; seq <= BATCHES; seq++) {
      const frame = batchFrame(seq, PER);
      frameBytes = Math.max(frameBytes, frame.length);
      agent.send(frame);
    }
    agent.send(batchFrame(7, PER)); // a re-sent duplicate: acknowledged, not stored twice
    agent.send(endFrame(BATCHES + 1));
    await agent.until((x) => x.acked(BATCHES + 1), 90_000);
    assert.equal(agent.closeCode, undefined, `agent ${a} was not refused`);
  }));
  agents.forEach((agent) => agent.close());

  const s = await status();
  assert.ok(s.ingest_budget_pauses_since_start! > 0, `the bound paused connections (status: ${JSON.stringify(s)})`);
  assert.equal(s.ingest_queued_bytes_bound, BOUND);
  assert.equal(s.ingest_queued_bytes, 0, 'nothing left queued');
  // Without the bound each connection alone may queue 16 frames: 6 x 16 x ~40 KB, far above it.

  const slack = AGENTS * (frameBytes + SOCKET_READ);
  assert.ok(s.ingest_queued_bytes_max! <= BOUND + slack,
    `queued at most ${s.ingest_queued_bytes_max} bytes; bound ${BOUND} + ${AGENTS} x (a frame of ${frameBytes} + a socket read)`);

  const stored = sql<{ run_id: string; status: string; events_ingested: number; n: number; batches: number }>(daemon.home,
    `SELECT r.run_id, r.status, r.events_ingested,
            (SELECT count(*) FROM events e WHERE e.run_id = r.run_id) AS n,
            (SELECT count(*) FROM batches b WHERE b.run_id = r.run_id) AS batches
     FROM runs r ORDER BY r.run_id`);
  assert.deepEqual(stored, [...runs].sort().map((run_id) => ({ run_id, status: 'ok', events_ingested: BATCHES * PER, n: BATCHES * PER, batches: BATCHES + 1 })));
});
