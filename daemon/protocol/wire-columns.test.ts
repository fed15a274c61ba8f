/** The wire path gives what protobufjs + decodeEventColumns give, or steps aside. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeEventColumns } from '../ingest/event-columns.js';
import type { EventColumns } from '../store/event-appender.js';
import { decodeAgentMessage, pb, type AgentMessage } from './messages.js';
import { ColumnBuffer } from '../ingest/event-columns.js';
import { varintBytes, readBatchFrame, scanBatchFrame } from './wire-columns.js';

const enc = (o: Parameters<typeof pb.AgentMessage.encode>[0]): Uint8Array => pb.AgentMessage.encode(o).finish();

function plain(c: EventColumns): Record<string, unknown[]> {
  return {
    kind: [...c.kind], tNs: [...c.tNs], codeId: [...c.codeId], line: [...c.line], thread: [...c.thread], callerId: [...c.callerId], durationNs: [...c.durationNs],
  };
}

function withoutColumns(m: AgentMessage): unknown {
  const o = pb.AgentMessage.toObject(m, { longs: String, bytes: String, defaults: false, arrays: false }) as { batch?: Record<string, unknown> };
  for (const k of ['kind', 'tDelta', 'codeId', 'line', 'thread', 'callerId', 'duration']) delete o.batch?.[k];
  return o;
}

/** The wire path must agree with the protobufjs path on this frame, column for column and field for field. */
function assertSame(bytes: Uint8Array): void {
  const wire = readBatchFrame(bytes);
  assert.ok(wire, 'the wire path takes this frame');
  const message = decodeAgentMessage(bytes);
  assert.deepEqual(plain(wire.events), plain(decodeEventColumns(message.batch!)));
  assert.deepEqual(withoutColumns(decodeAgentMessage(wire.stripped)), withoutColumns(message));
  const buffers = new Set([wire.events.kind, wire.events.tNs, wire.events.codeId, wire.events.line, wire.events.thread, wire.events.callerId, wire.events.durationNs].map((a) => a.buffer));
  assert.equal(buffers.size, 1, 'one buffer for all columns');
}

test('edge values: negative and 64-bit deltas, uint32 wrap, kinds beyond a byte, huge durations', () => {
  const kind = [1, 2, 3, 300, 0, 5];
  const tDelta = [5, 2 ** 40 + 7, -3, -(2 ** 40), 2 ** 53 + 2, -(2 ** 62)];
  const codeId = [0, 1, 127, 128, 4294967295, 2 ** 31];
  const duration = [0, 2 ** 40, 2 ** 53, 2 ** 63, 2 ** 64 - 2048, 1];
  assertSame(enc({ batch: { seq: 3, stringBase: 1, strings: ['/a.py', 'f'], kind, tDelta, codeId, line: [1, 2, 3, 4, 5, 6], thread: [0, 0, 1, 1, 2, 2], callerId: [9, 8, 7, 6, 5, 4], duration } }));
  assertSame(enc({ batch: { seq: 1, kind: [1, 2], line: [10, 20] } })); // missing columns are zeros
  assertSame(enc({ batch: { seq: 7 } })); // no events
});

test('random batches agree with protobufjs', () => {
  let x = 12345;
  const rnd = (m: number): number => ((x = (x * 1103515245 + 12345) >>> 0) >>> 4) % m;
  for (let round = 0; round < 200; round++) {
    const n = rnd(300);
    const col = (f: () => number): number[] => Array.from({ length: n }, f);
    const big = (): number => [rnd(100), rnd(1 << 20) * 4096 + rnd(4096), 2 ** (rnd(63) + 1) + rnd(1000)][rnd(3)]!;
    assertSame(enc({
      batch: {
        seq: 1 + rnd(1000), stringBase: rnd(5), strings: rnd(2) ? ['s'] : [],
        kind: col(() => rnd(6)), tDelta: col(() => (rnd(2) ? big() : -big())), codeId: col(() => rnd(2 ** 31) * (rnd(3) + 1)),
        line: rnd(2) ? col(() => rnd(5000)) : [], thread: col(() => rnd(4)), callerId: rnd(2) ? col(() => rnd(60)) : [], duration: col(big),
        threads: rnd(2) ? [{ thread: 1, name: 'w' }] : [],
      },
    }));
  }
});

test('the Python agent encoder vectors agree', () => {
  const dir = fileURLToPath(new URL('../../../proto/testdata/', import.meta.url));
  const batches = readdirSync(dir).filter((f) => f.startsWith('batch') && f.endsWith('.bin'));
  assert.ok(batches.length >= 2);
  for (const f of batches) assertSame(readFileSync(dir + f));
});

const frame = (batch: number[]): Uint8Array => new Uint8Array([0x12, ...varintBytes(batch.length), ...batch]);

test('other shapes are left to protobufjs', () => {
  const seq = [0x08, 1];
  const packedKind = [0x52, 2, 1, 2];
  // unpacked kind (field 10, varint)
  assert.equal(readBatchFrame(frame([...seq, 0x50, 1, 0x50, 2])), undefined);
  // the kind column twice (protobufjs concatenates)
  assert.equal(readBatchFrame(frame([...seq, ...packedKind, ...packedKind])), undefined);
  // a second AgentMessage field after the batch
  assert.equal(readBatchFrame(new Uint8Array([...frame([...seq, ...packedKind]), 0x1a, 0])), undefined);
  // hello, end
  assert.equal(readBatchFrame(enc({ end: { seq: 2 } })), undefined);
  // column lengths that differ (validateBatch names the column)
  assert.equal(readBatchFrame(frame([...seq, ...packedKind, 0x6a, 1, 5])), undefined);
  assert.throws(() => decodeAgentMessage(frame([...seq, ...packedKind, 0x6a, 1, 5])), /line has 1 values for 2/);
  // truncated: inside a column, inside a field, a varint cut off
  assert.equal(readBatchFrame(frame([...seq, 0x52, 2, 1, 0x82])), undefined);
  assert.equal(readBatchFrame(new Uint8Array([0x12, 9, ...seq])), undefined);
  assert.equal(readBatchFrame(frame([...seq, 0x52, 1, 0x80])), undefined);
  // a negative enum (10-byte varint), a negative int32 in a uint32 column, an 11-byte varint in a 64-bit column
  assert.equal(readBatchFrame(frame([...seq, 0x52, 10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])), undefined);
  assert.equal(scanBatchFrame(frame([...seq, 0x52, 1, 1, 0x62, 6, 0xff, 0xff, 0xff, 0xff, 0x8f, 0x01])), undefined);
  assert.equal(scanBatchFrame(frame([...seq, 0x52, 1, 1, 0x82, 0x01, 11, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])), undefined);
  // an empty packed column counts as missing
  assertSame(frame([...seq, ...packedKind, 0x62, 0]));
});

test('a scanned batch holds only its frame; one reused buffer decodes batch after batch', () => {
  const a = enc({ batch: { seq: 1, kind: [1, 2, 3], tDelta: [10, 5, 5], line: [7, 8, 9], duration: [0, 2 ** 40, 3] } });
  const b = enc({ batch: { seq: 2, kind: [4], tDelta: [2 ** 41], codeId: [6] } });
  const wireA = scanBatchFrame(a)!;
  const wireB = scanBatchFrame(b)!;
  assert.equal(wireA.events.length, 3);
  assert.equal(wireA.events.encodedBytes, a.byteLength, 'the frame is all a queued batch keeps');
  assert.ok(!('kind' in wireA.events), 'not decoded yet');
  const buffer = new ColumnBuffer();
  assert.deepEqual(plain(wireA.events.decodeInto(buffer)), plain(decodeEventColumns(decodeAgentMessage(a).batch!)));
  const first = buffer.take(3).line.buffer;
  assert.deepEqual(plain(wireB.events.decodeInto(buffer)), plain(decodeEventColumns(decodeAgentMessage(b).batch!)), 'a smaller batch: no leftovers of the last one');
  assert.equal(buffer.take(1).kind.buffer, first, 'the buffer is reused');
  assert.deepEqual(plain(wireA.events.decodeInto(buffer)), plain(decodeEventColumns(decodeAgentMessage(a).batch!)), 'decoded again (a group retried frame by frame)');
});
