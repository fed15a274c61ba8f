/** Event columns reach event_log unchanged, across chunk boundaries, batches and runs of one appender. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from './store.js';
import type { EventColumns } from './event-appender.js';

function columns(n: number, seed: number): EventColumns {
  const c = {
    length: n, kind: new Uint8Array(n), tNs: new BigInt64Array(n), codeId: new Int32Array(n), line: new Int32Array(n),
    thread: new Int32Array(n), callerId: new Int32Array(n), durationNs: new BigInt64Array(n),
  };
  for (let i = 0; i < n; i++) {
    c.kind[i] = (i + seed) % 6;
    c.tNs[i] = BigInt(i) * 1_000_003n + BigInt(seed) * 2n ** 40n;
    c.codeId[i] = seed * 100 + (i % 97);
    c.line[i] = i;
    c.thread[i] = i % 3;
    c.callerId[i] = -i;
    c.durationNs[i] = BigInt(i % 5) * 2n ** 35n;
  }
  return c;
}

test('appended columns read back exactly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-appender-'));
  const store = await Store.open(join(dir, 't.duckdb'));
  try {
    const batches: [number, EventColumns][] = [[1, columns(5000, 1)], [2, columns(3, 2)], [1, columns(2048, 3)]];
    const appendInOneTransaction = (list: [number, EventColumns][]): Promise<void> =>
      store.transaction(async () => {
        const appender = await store.openEventAppender();
        try {
          for (const [runKey, cols] of list) appender.append(runKey, cols);
          appender.flush();
        } finally {
          appender.close();
        }
      });
    await appendInOneTransaction(batches);
    await appendInOneTransaction([[7, columns(10, 4)]]); // a second appender after the first one's commit
    const expected = [...batches, [7, columns(10, 4)] as [number, EventColumns]].flatMap(([runKey, c]) =>
      Array.from({ length: c.length }, (_, i) => [runKey, c.kind[i], c.tNs[i], c.codeId[i], c.line[i], c.thread[i], c.callerId[i], c.durationNs[i]].map(String).join(',')));
    const got = await store.query('SELECT run_key, kind, t_ns, code_id, line, thread, caller_id, duration_ns FROM event_log');
    assert.equal(got.rows.length, expected.length);
    assert.deepEqual(got.rows.map((r) => r.map(String).join(',')).sort(), expected.sort());
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('columns of unequal length are refused before anything is appended', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-appender-'));
  const store = await Store.open(join(dir, 't.duckdb'));
  try {
    const bad = { ...columns(10, 1), line: new Int32Array(9) };
    const appender = await store.openEventAppender();
    try {
      assert.throws(() => appender.append(1, bad), RangeError);
    } finally {
      appender.close();
    }
    assert.equal(Number((await store.query('SELECT count(*) FROM event_log')).rows[0]![0]), 0);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
