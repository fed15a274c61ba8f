/** The frame decoder: same frames, same refusals as decodeAgentMessage, event columns as typed arrays (kept encoded until appended). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LabtraceError } from '../../common/errors.js';
import { ColumnBuffer, isEncoded, type BatchEvents } from '../ingest/event-columns.js';
import type { EventColumns } from '../store/event-appender.js';
import { FrameDecoder } from './frame-decoder.js';
import { pb } from './messages.js';

const RUN = 'b'.repeat(32);
const enc = (o: Parameters<typeof pb.AgentMessage.encode>[0]): Uint8Array => pb.AgentMessage.encode(o).finish();

function columnsOf(events: BatchEvents | undefined): EventColumns | undefined {
  return events && isEncoded(events) ? events.decodeInto(new ColumnBuffer()) : events;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return err instanceof LabtraceError ? err.code : 'OTHER';
  }
  return 'NONE';
}

test('a batch comes back as metadata plus typed event columns', async () => {
  const decoder = new FrameDecoder();
  try {
    const big = 2 ** 40 + 7; // beyond 32 bits: both int64 halves are used
    const bytes = enc({ batch: { seq: 3, stringBase: 1, strings: ['/a.py'], kind: [1, 2, 3], tDelta: [5, big, -3], codeId: [1, 2, 4294967295], line: [10, 0, 7], duration: [0, big, 9] } });
    const frame = await decoder.decode(bytes);
    const { message } = frame;
    const events = columnsOf(frame.events);
    assert.equal(message.body, 'batch');
    assert.equal(Number(message.batch!.seq), 3);
    assert.deepEqual(message.batch!.strings, ['/a.py']);
    assert.equal(message.batch!.kind?.length ?? 0, 0, 'columns are not decoded twice');
    assert.ok(events);
    assert.equal(events.length, 3);
    assert.deepEqual([...events.kind], [1, 2, 3]);
    assert.deepEqual([...events.tNs], [5n, BigInt(5 + big), BigInt(5 + big - 3)]);
    assert.deepEqual([...events.codeId], [1, 2, -1]);
    assert.deepEqual([...events.line], [10, 0, 7]);
    assert.deepEqual([...events.thread], [0, 0, 0], 'a missing column is all zeros');
    assert.deepEqual([...events.durationNs], [0n, BigInt(big), 9n]);
  } finally {
    await decoder.close();
  }
});

test('hello and end pass through whole; refusals keep their codes', async () => {
  const decoder = new FrameDecoder();
  try {
    const hello = await decoder.decode(enc({ hello: { protocolVersion: 1, runId: RUN, run: { script: '/x.py', argv: ['/x.py', '-v'] } } }));
    assert.equal(hello.message.hello?.run?.script, '/x.py');
    assert.deepEqual(hello.message.hello?.run?.argv, ['/x.py', '-v']);
    assert.equal(hello.events, undefined);
    const end = await decoder.decode(enc({ end: { seq: 9, exitCode: 2 } }));
    assert.equal(end.message.end?.exitCode, 2);
    assert.equal(await codeOf(decoder.decode(new Uint8Array([0xff, 0xff, 0xff]))), 'MALFORMED_FRAME');
    assert.equal(await codeOf(decoder.decode(enc({ hello: { protocolVersion: 2, runId: RUN } }))), 'UNSUPPORTED_VERSION');
    assert.equal(await codeOf(decoder.decode(enc({ batch: { seq: 1, kind: [1, 2], line: [1] } }))), 'MALFORMED_FRAME');
    // still decoding after refusals
    const again = await decoder.decode(enc({ batch: { seq: 2, kind: [3] } }));
    assert.equal(again.events?.length, 1);
  } finally {
    await decoder.close();
  }
});

test('frames come back in order when many are in flight', async () => {
  const decoder = new FrameDecoder();
  try {
    const seqs = Array.from({ length: 50 }, (_, i) => i + 1);
    const frames = await Promise.all(seqs.map((seq) => decoder.decode(enc({ batch: { seq, kind: new Array<number>(seq).fill(1) } }))));
    assert.deepEqual(frames.map((f) => Number(f.message.batch!.seq)), seqs);
    assert.deepEqual(frames.map((f) => f.events!.length), seqs);
    assert.equal(decoder.pending, 0);
  } finally {
    await decoder.close();
  }
});

test('a closed decoder refuses with INTERNAL', async () => {
  const decoder = new FrameDecoder();
  await decoder.close();
  assert.equal(await codeOf(decoder.decode(enc({ batch: { seq: 1 } }))), 'INTERNAL');
});
