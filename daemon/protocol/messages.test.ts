/** Frame validation: what the daemon accepts from agents and how it names what it refuses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LabtraceError } from '../../common/errors.js';
import { decodeAgentMessage, pb, MAX_FRAME_BYTES } from './messages.js';
import { splitDelimited } from './delimited.js';

const RUN = 'a'.repeat(32);
const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return err instanceof LabtraceError ? err.code : 'OTHER';
  }
  return 'NONE';
};

test('a valid hello decodes', () => {
  const bytes = pb.AgentMessage.encode({ hello: { protocolVersion: 1, runId: RUN, run: { script: '/x.py' } } }).finish();
  const m = decodeAgentMessage(bytes);
  assert.equal(m.body, 'hello');
  assert.equal(m.hello?.run?.script, '/x.py');
});

test('refusals carry stable codes', () => {
  const enc = (o: Parameters<typeof pb.AgentMessage.encode>[0]): Uint8Array => pb.AgentMessage.encode(o).finish();
  assert.equal(code(() => decodeAgentMessage(new Uint8Array([0xff, 0xff, 0xff]))), 'MALFORMED_FRAME');
  assert.equal(code(() => decodeAgentMessage(new Uint8Array(0))), 'MALFORMED_FRAME');
  assert.equal(code(() => decodeAgentMessage(enc({ hello: { protocolVersion: 2, runId: RUN } }))), 'UNSUPPORTED_VERSION');
  assert.equal(code(() => decodeAgentMessage(enc({ hello: { protocolVersion: 1, runId: 'short' } }))), 'MALFORMED_FRAME');
  assert.equal(code(() => decodeAgentMessage(enc({ batch: { seq: 0 } }))), 'MALFORMED_FRAME');
  assert.equal(code(() => decodeAgentMessage(enc({ batch: { seq: 1, kind: [1, 2], line: [3] } }))), 'MALFORMED_FRAME');
  assert.equal(code(() => decodeAgentMessage(new Uint8Array(MAX_FRAME_BYTES + 1))), 'FRAME_TOO_LARGE');
  assert.equal(code(() => decodeAgentMessage(enc({ batch: { seq: 1, kind: [1, 2], line: [3, 4] } }))), 'NONE');
});

test('length-delimited spool records split, a torn tail is reported', () => {
  const a = pb.AgentMessage.encodeDelimited({ hello: { protocolVersion: 1, runId: RUN } }).finish();
  const b = pb.AgentMessage.encodeDelimited({ end: { seq: 2, exitCode: -1 } }).finish();
  const whole = Buffer.concat([a, b]);
  const { records, truncatedAt } = splitDelimited(whole, 1 << 20);
  assert.equal(records.length, 2);
  assert.equal(truncatedAt, undefined);
  assert.equal(decodeAgentMessage(records[1]!.bytes).end?.exitCode, -1);
  const torn = splitDelimited(whole.subarray(0, whole.length - 1), 1 << 20);
  assert.equal(torn.records.length, 1);
  assert.equal(torn.truncatedAt, a.length);
  assert.throws(() => splitDelimited(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x7f]), 1 << 20), /exceeds the frame limit/);
});
