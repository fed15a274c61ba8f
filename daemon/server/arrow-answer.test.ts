/**
 * POST /v1/query as Arrow: a live daemon asked with `Accept: application/vnd.apache.arrow.stream`
 * answers an Arrow IPC stream that apache-arrow decodes, with DuckDB's types kept (exact 64-bit
 * integers and microsecond timestamps, lists), one batch per DuckDB chunk, the row cap and its
 * notice in the `labtrace-summary` trailer, a late error in `labtrace-error`; JSON stays the default.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { tableFromIPC, Type } from 'apache-arrow';
import { useDaemon, type DaemonProcess } from '../../test/support/daemon-fixture.js';
import { headerJson } from './query-answer.js';

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: Buffer;
  readonly trailers: Record<string, string>;
}

function ask(body: unknown, accept?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${daemon.token}`, 'content-type': 'application/json' };
    if (accept) headers.accept = accept;
    const req = request({ host: '127.0.0.1', port: daemon.port, method: 'POST', path: '/v1/query', headers, timeout: 60_000 });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks), trailers: res.trailers as Record<string, string> }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer')));
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const ARROW = 'application/vnd.apache.arrow.stream';
const TYPED = `SELECT i::INTEGER AS i, (i * 10000000000 + 1)::BIGINT AS big, i / 4 AS ratio, 'r' || i AS name,
  TIMESTAMP '2024-05-01 12:00:00.123456' + to_seconds(i) AS ts, [i, i + 1] AS pair, i % 2 = 0 AS even,
  CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS maybe, 1.25::DECIMAL(4, 2) AS dec, sum(i) OVER () AS total,
  {'a': i} AS s, DATE '2024-01-02' AS d
  FROM range(5000) t(i) ORDER BY i`;

test('an Arrow answer decodes with apache-arrow, types kept, one batch per chunk, summary in a trailer', async () => {
  const answer = await ask({ sql: TYPED }, `${ARROW}, application/json;q=0.5`);
  assert.equal(answer.status, 200);
  assert.equal(answer.type, ARROW);
  const table = tableFromIPC(answer.body);
  assert.equal(table.numRows, 5000);
  assert.ok(table.batches.length >= 3, `one batch per 2,048-row chunk, got ${table.batches.length}`);
  const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, f.type.typeId]));
  assert.deepEqual(types, {
    i: Type.Int, big: Type.Int, ratio: Type.Float, name: Type.Utf8, ts: Type.Timestamp, pair: Type.List, even: Type.Bool,
    maybe: Type.Int, dec: Type.Float, total: Type.Float, s: Type.Utf8, d: Type.Date,
  });
  const row = table.get(4999)!.toJSON();
  assert.equal(row.i, 4999);
  assert.equal(row.big, 49990000000001n, 'a BIGINT beyond 2^53 exact');
  assert.equal(row.ratio, 1249.75);
  assert.equal(row.name, 'r4999');
  const tsMicros = table.getChild('ts')!.data[0]!.values as BigInt64Array;
  assert.equal(tsMicros[1], BigInt(Date.UTC(2024, 4, 1, 12, 0, 1)) * 1000n + 123456n, 'timestamps in exact microseconds');
  assert.deepEqual([...(row.pair as Iterable<bigint>)], [4999n, 5000n]);
  assert.equal(row.even, false);
  assert.equal(table.get(3)!.toJSON().maybe, null);
  assert.equal(row.dec, 1.25);
  assert.equal(row.total, (4999 * 5000) / 2);
  assert.equal(row.s, "{'a': 4999}");
  assert.equal(row.d, Date.UTC(2024, 0, 2));
  assert.deepEqual(JSON.parse(answer.trailers['labtrace-summary']!), { row_count: 5000, truncated: false });
});

test('the row cap holds for Arrow answers and its notice comes in the summary trailer', async () => {
  const answer = await ask({ sql: 'SELECT range AS i FROM range(10000)', max_rows: 3000 }, ARROW);
  const table = tableFromIPC(answer.body);
  assert.equal(table.numRows, 3000);
  const summary = JSON.parse(answer.trailers['labtrace-summary']!) as { row_count: number; truncated: boolean; notice?: string };
  assert.equal(summary.row_count, 3000);
  assert.equal(summary.truncated, true);
  assert.match(summary.notice ?? '', /cut at 3000 rows/);
});

test('an empty Arrow answer still carries its schema; errors before the first byte are JSON 4xx', async () => {
  const empty = tableFromIPC((await ask({ sql: 'SELECT 1::INTEGER AS one, $1 AS p WHERE false', params: ['x'] }, ARROW)).body);
  assert.equal(empty.numRows, 0);
  assert.deepEqual(empty.schema.fields.map((f) => f.name), ['one', 'p']);
  const refused = await ask({ sql: 'DELETE FROM runs' }, ARROW);
  assert.equal(refused.status, 400);
  assert.equal((JSON.parse(refused.body.toString('utf8')) as { error: { code: string } }).error.code, 'READ_ONLY_SQL');
});

test('an error after the first batches ends the Arrow stream with a labtrace-error trailer (and the JSON answer with "error")', async () => {
  // The first chunks stream out before the failing row is reached (a single thread keeps the order).
  const sql = `SELECT i, CASE WHEN i < 400000 THEN i ELSE error('late failure') END AS v FROM range(500000) t(i)`;
  const answer = await ask({ sql, max_rows: 1_000_000 }, ARROW);
  assert.equal(answer.status, 200);
  const error = JSON.parse(answer.trailers['labtrace-error'] ?? '{}') as { code?: string; message?: string };
  assert.equal(error.code, 'BAD_SQL');
  assert.match(error.message ?? '', /failed after [1-9]\d* rows/);
  // The JSON answer was cut the same way (before: it ended as if complete, "truncated": false).
  const json = JSON.parse((await ask({ sql, max_rows: 1_000_000 })).body.toString('utf8')) as { error?: { code: string }; truncated?: boolean };
  assert.equal(json.error?.code, 'BAD_SQL');
  assert.equal(json.truncated, undefined);
});

test('JSON stays the default answer', async () => {
  const answer = await ask({ sql: 'SELECT 42 AS x' });
  assert.equal(answer.type, 'application/json');
  assert.deepEqual(JSON.parse(answer.body.toString('utf8')), { columns: ['x'], rows: [[42]], row_count: 1, truncated: false });
});

test('trailer JSON is one ASCII line', () => {
  assert.equal(headerJson({ message: 'é\nx' }), String.raw`{"message":"\u00e9\nx"}`);
  assert.deepEqual(JSON.parse(headerJson({ message: 'é\nx' })), { message: 'é\nx' });
});
