/** One connection: frames decoded off-thread are submitted and acknowledged in arrival order; a client that runs ahead of commits is paused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { AgentConnection, MAX_FRAMES_IN_FLIGHT } from './agent-connection.js';
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
