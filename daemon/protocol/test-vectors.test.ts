/**
 * proto/testdata holds frames encoded by the Python agent's hand-written encoder. protobufjs must
 * decode each to the recorded object and re-encode that object to the very same bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { labtrace } from '../../proto/gen/labtrace.js';

const DIR = fileURLToPath(new URL('../../../proto/testdata/', import.meta.url));
const TYPES = { 'labtrace.v1.AgentMessage': labtrace.v1.AgentMessage, 'labtrace.v1.DaemonMessage': labtrace.v1.DaemonMessage } as const;
const TO_OBJECT = { longs: String, enums: Number, defaults: false, arrays: false } as const;

const vectors = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

test('there are test vectors for every message body', () => {
  assert.ok(vectors.length >= 3, `expected at least 3 vectors in ${DIR}, found ${vectors.length}`);
  const bodies = new Set(vectors.map((f) => Object.keys((JSON.parse(readFileSync(DIR + f, 'utf8')) as { object: object }).object)[0]));
  for (const body of ['hello', 'batch', 'end']) assert.ok(bodies.has(body), `no vector with a ${body}`);
});

for (const file of vectors) {
  test(`vector ${file}: protobufjs agrees byte for byte with the Python encoder`, () => {
    const spec = JSON.parse(readFileSync(DIR + file, 'utf8')) as { type: keyof typeof TYPES; object: Record<string, unknown> };
    const type = TYPES[spec.type];
    assert.ok(type, `unknown type ${spec.type}`);
    const bytes = readFileSync(DIR + file.replace(/\.json$/, '.bin'));
    const decoded = type.toObject(type.decode(bytes) as never, TO_OBJECT);
    const expected = type.toObject(type.fromObject(spec.object) as never, TO_OBJECT);
    assert.deepEqual(decoded, expected);
    const reencoded = Buffer.from(type.encode(type.fromObject(spec.object) as never).finish());
    assert.equal(reencoded.toString('hex'), bytes.toString('hex'));
  });
}
