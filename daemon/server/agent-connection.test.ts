/** One connection: frames are submitted and acknowledged in arrival order; a client that runs ahead of commits is paused, and so is every client while their frames together exceed the daemon-wide bound. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { AgentConnection, MAX_FRAMES_IN_FLIGHT } from './agent-connection.js';
import { IngestBudget } from './ingest-budget.js';
import { FrameDecoder } from '../protocol/frame-decoder.js';
import { pb } from '../protocol/messages.js';
import type { FrameOutcome, Ingester } from '../ingest/ingester.js';
import { createLogger } from '../log.js';

class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  paused = false;
  pauses = 0;
  readonly sent: Uint8Array[] = [];
  pause(): void {
    this.paused = true;
    this.pauses++;
  }
  resume(): void {
    this.paused = false;
  }
  send(data: Uint8Array): void {
    this.sent.push(data);
  }
  close(): void {
    this.readyState = 3;
  }
  terminate(): void {
    this.readyState = 3;
  }
}

const RUN = 'c'.repeat(32);
const frame = (o: Parameters<typeof pb.AgentMessage.encode>[0]): Buffer => Buffer.from(pb.AgentMessage.encode(o).finish());
const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), 'condition not reached in 5 s');
};

test('frames are acked in order, and reading pauses while too many are uncommitted', async () => {
  const socket = new FakeSocket();
  const submitted: { seq: number; release: () => void }[] = [];
  const ingester = {
    submit: (message: { body?: string; batch?: { seq?: unknown } | null }, runId: string): Promise<FrameOutcome> =>
      new Promise((resolve) => {
        const seq = message.body === 'batch' ? Number(message.batch!.seq) : 0;
        submitted.push({ seq, release: () => resolve({ runId, seq, stored: true, resumeSeq: 0 }) });
      }),
  } as unknown as Ingester;
  const decoder = new FrameDecoder();
  try {
    new AgentConnection(socket as unknown as WebSocket, ingester, decoder, createLogger({ level: 'error' }), 'test');
    socket.emit('message', frame({ hello: { protocolVersion: 1, runId: RUN } }), true);
    const n = MAX_FRAMES_IN_FLIGHT + 4;
    for (let seq = 1; seq <= n; seq++) socket.emit('message', frame({ batch: { seq, kind: [1, 2, 3] } }), true);
    assert.ok(socket.paused, 'paused once MAX_FRAMES_IN_FLIGHT frames are unanswered');
    await until(() => submitted.length === n + 1);
    assert.deepEqual(submitted.map((s) => s.seq), [0, ...Array.from({ length: n }, (_, i) => i + 1)], 'submitted in arrival order');
    // Commit out of order: acks still go out in order, and only up to the first uncommitted frame.
    submitted[3]!.release();
    submitted[0]!.release();
    await until(() => socket.sent.length === 1);
    for (const s of submitted) s.release();
    await until(() => socket.sent.length === n + 1);
    const acks = socket.sent.map((b) => pb.DaemonMessage.decode(b));
    assert.equal(acks[0]!.body, 'ack');
    assert.deepEqual(acks.slice(1).map((a) => Number(a.batchAck!.seq)), Array.from({ length: n }, (_, i) => i + 1));
    assert.equal(socket.paused, false, 'resumed once the frames are answered');
    assert.equal(socket.pauses, 1);
  } finally {
    await decoder.close();
  }
});

test('connections sharing an IngestBudget stop being read while their frames together exceed it, and resume at half', async () => {
  const pending: (() => void)[] = [];
  const ingester = {
    submit: (message: { body?: string; batch?: { seq?: unknown } | null }, runId: string): Promise<FrameOutcome> =>
      new Promise((resolve) => pending.push(() => resolve({ runId, seq: Number(message.batch?.seq ?? 0), stored: true, resumeSeq: 0 }))),
  } as unknown as Ingester;
  const batch = (seq: number): Buffer => frame({ batch: { seq, kind: new Array(200).fill(1) } });
  const size = batch(1).length;
  const budget = new IngestBudget(3 * size); // three batches queued at most, daemon-wide
  const decoder = new FrameDecoder();
  try {
    const sockets = [new FakeSocket(), new FakeSocket()];
    const connections = sockets.map((s, i) => new AgentConnection(s as unknown as WebSocket, ingester, decoder, createLogger({ level: 'error' }), `test${i}`, budget));
    sockets.forEach((s, i) => s.emit('message', frame({ hello: { protocolVersion: 1, runId: String(i).repeat(32) } }), true));
    const hellos = budget.queuedBytes;
    sockets[0]!.emit('message', batch(1), true);
    sockets[1]!.emit('message', batch(1), true);
    assert.deepEqual(sockets.map((s) => s.paused), [false, false], 'within the bound: both read');
    sockets[1]!.emit('message', batch(2), true); // crosses 3 batches (+ the hellos)
    assert.deepEqual(sockets.map((s) => s.paused), [false, true], 'the connection that crossed the bound stops');
    sockets[0]!.emit('message', batch(2), true); // already read by ws before a pause could act
    assert.deepEqual(sockets.map((s) => s.paused), [true, true], 'so does any that delivers while over it');
    assert.equal(budget.queuedBytes, hellos + 4 * size);
    assert.equal(budget.pausedConnections, 2);
    await until(() => pending.length === 6);
    pending.splice(0, 4).forEach((release) => release()); // hellos and the first two batches commit
    await until(() => budget.queuedBytes === 2 * size);
    assert.deepEqual(sockets.map((s) => s.paused), [true, true], 'not yet at half the bound');
    pending.splice(0, 1)[0]!();
    await until(() => budget.queuedBytes === size);
    assert.deepEqual(sockets.map((s) => s.paused), [false, false], 'both read again at half the bound');
    pending.splice(0).forEach((release) => release());
    await Promise.all(connections.map((c) => c.settled()));
    assert.equal(budget.queuedBytes, 0);
    assert.equal(budget.maxQueuedBytes, hellos + 4 * size);
    assert.equal(budget.pausesSinceStart, 2);
  } finally {
    await decoder.close();
  }
});
