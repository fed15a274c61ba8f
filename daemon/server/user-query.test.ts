/** User SQL: only reads run, nothing persists, time limit, cancellation, row cap, one connection per query. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Store } from '../store/store.js';
import { LabtraceError } from '../../common/errors.js';
import { UserQueries, runUserQuery, type UserQueryLimits } from './user-query.js';

const dir = mkdtempSync(join(tmpdir(), 'labtrace-user-query-'));
const store = await Store.open(join(dir, 'traces.duckdb'));
await store.connection.run(`INSERT INTO runs (run_id, run_key, script, status) VALUES ('${'a'.repeat(32)}', 1, '/x/train.py', 'ok')`);
await store.connection.run('CREATE SEQUENCE user_query_test_seq');
const user = await store.connect();
after(() => {
  user.closeSync();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const LIMITS: UserQueryLimits = { timeoutMs: 30_000, maxRows: 100_000 };

async function collect(sql: string, limits: UserQueryLimits = LIMITS, connection: DuckDBConnection = user) {
  const out: { columns: string[]; rows: unknown[][] } = { columns: [], rows: [] };
  const summary = await runUserQuery(connection, sql, limits, { columns: (c) => void (out.columns = c), rows: (r) => void out.rows.push(...r) });
  return { ...out, ...summary };
}

async function code(sql: string, limits: UserQueryLimits = LIMITS): Promise<string> {
  try {
    await collect(sql, limits);
    return 'ran';
  } catch (err) {
    return err instanceof LabtraceError ? err.code : `not a LabtraceError: ${String(err)}`;
  }
}

async function storeState(): Promise<string> {
  const r = await store.query(`SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM duckdb_tables()), (SELECT count(*) FROM duckdb_views() WHERE NOT internal),
    (SELECT count(*) FROM duckdb_databases()), (SELECT current_setting('threads'))`);
  return JSON.stringify(r.rows, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
}

test('writes, DDL, settings, file output and several statements are refused; the store is intact', async () => {
  const before = await storeState();
  const out = join(dir, 'out');
  const refused = [
    'DELETE FROM runs', 'delete from runs', 'DROP TABLE runs', 'UPDATE runs SET status = \'x\'', `INSERT INTO runs (run_id, run_key) VALUES ('${'b'.repeat(32)}', 2)`,
    'CREATE TABLE t (a INT)', 'CREATE VIEW v AS SELECT 1', 'ALTER TABLE runs ADD COLUMN z INT', 'CREATE MACRO m(a) AS a',
    `ATTACH '${out}.db' AS other`, 'DETACH other', `COPY runs TO '${out}.csv'`, `COPY (SELECT 1) TO '${out}2.csv'`, `EXPORT DATABASE '${out}-export'`,
    'PRAGMA threads=1', "PRAGMA table_info('runs')", 'SET threads = 1', 'RESET threads', 'USE memory', 'CHECKPOINT', 'CALL checkpoint()', 'VACUUM', 'BEGIN TRANSACTION', 'COMMIT', 'ROLLBACK',
    'LOAD json', 'INSTALL json', 'PREPARE p AS SELECT 1', 'SET VARIABLE x = 1',
    'SELECT 1; DROP TABLE runs', 'SELECT 1; SELECT 2', 'EXPLAIN ANALYZE DELETE FROM runs', 'EXPLAIN DROP TABLE runs', '/* hidden */ EXPLAIN ANALYZE DELETE FROM runs',
    '-- a comment\nDELETE FROM runs', 'WITH x AS (SELECT 1) DELETE FROM runs',
    // SELECT-shaped, with a side effect: refused by the read-only transaction
    "SELECT nextval('user_query_test_seq')",
  ];
  for (const sql of refused) assert.equal(await code(sql), 'READ_ONLY_SQL', sql);
  assert.equal(await code(`EXPLAIN EXPORT DATABASE '${out}-export'`), 'BAD_SQL'); // DuckDB's parser refuses it first
  assert.equal(await storeState(), before);
  for (const file of [`${out}.db`, `${out}.csv`, `${out}2.csv`, `${out}-export`]) assert.equal(existsSync(file), false, file);
  const seq = await store.query("SELECT nextval('user_query_test_seq')");
  assert.equal(Number(seq.rows[0]![0]), 1, 'the sequence never advanced');
});

test('reads run: SELECT, WITH, FROM-first, VALUES, DESCRIBE, SHOW, SUMMARIZE, table PRAGMAs, EXPLAIN [ANALYZE] SELECT', async () => {
  for (const sql of ['SELECT run_id FROM runs', 'WITH r AS (SELECT * FROM runs) SELECT count(*) FROM r', 'FROM runs', 'VALUES (1), (2)', 'DESCRIBE runs', 'SHOW TABLES',
    'SUMMARIZE runs', "SELECT * FROM pragma_table_info('runs')", 'EXPLAIN SELECT * FROM runs', '-- note\n/* c */ (SELECT 1) UNION SELECT 2', '/* c */ EXPLAIN SELECT 1', 'explain analyze SELECT count(*) FROM runs', 'SELECT * FROM checkpoint()']) {
    assert.equal(await code(sql), 'ran', sql);
  }
  const r = await collect('SELECT run_id, run_key FROM runs');
  assert.deepEqual(r, { columns: ['run_id', 'run_key'], rows: [['a'.repeat(32), 1]], rowCount: 1, truncated: false });
  assert.equal(await code('SELEC 1'), 'BAD_SQL');
  assert.equal(await code(''), 'BAD_SQL');
});

test('the time limit interrupts a slow query and leaves the connection usable', async () => {
  const t0 = Date.now();
  assert.equal(await code('SELECT count(*) FROM range(1000000000) a, range(1000000) b', { timeoutMs: 300, maxRows: 10 }), 'QUERY_TIMEOUT');
  assert.ok(Date.now() - t0 < 5000, `stopped after ${Date.now() - t0} ms`);
  assert.deepEqual((await collect('SELECT 42 AS x')).rows, [[42]]);
  // No transaction was left open on the connection.
  await user.run('BEGIN TRANSACTION');
  await user.run('ROLLBACK');
});

test('an abort (the client went away) cancels a running query', async () => {
  const gone = new AbortController();
  setTimeout(() => gone.abort(), 300);
  const t0 = Date.now();
  assert.equal(await code('SELECT count(*) FROM range(1000000000) a, range(1000000) b', { timeoutMs: 60_000, maxRows: 10, signal: gone.signal }), 'QUERY_CANCELLED');
  assert.ok(Date.now() - t0 < 5000);
});

test('rows stream in chunks and stop at the cap, which the summary reports', async () => {
  const chunks: number[] = [];
  const summary = await runUserQuery(user, 'SELECT * FROM range(250000)', { timeoutMs: 30_000, maxRows: 100_000 }, { columns: () => undefined, rows: (r) => void chunks.push(r.length) });
  assert.deepEqual(summary, { rowCount: 100_000, truncated: true });
  assert.ok(chunks.length > 10 && Math.max(...chunks) <= 4096, `chunks of ${Math.max(...chunks)} rows`);
  assert.deepEqual(await collect('SELECT * FROM range(4096)', { timeoutMs: 30_000, maxRows: 4096 }).then((r) => [r.rowCount, r.truncated]), [4096, false]);
  assert.deepEqual(await collect('SELECT * FROM range(4097)', { timeoutMs: 30_000, maxRows: 4096 }).then((r) => [r.rowCount, r.truncated]), [4096, true]);
});

test('a user query does not block a writer on another connection', async () => {
  let resume: () => void = () => undefined;
  const paused = new Promise<void>((r) => (resume = r));
  let first = true;
  const running = runUserQuery(user, 'SELECT * FROM range(100000)', LIMITS, {
    columns: () => undefined,
    rows: async () => {
      if (first) {
        first = false;
        await paused; // mid-stream, its read-only transaction open
      }
    },
  });
  await new Promise((r) => setTimeout(r, 100));
  await store.transaction(async (c) => c.run(`INSERT INTO runs (run_id, run_key, script, status) VALUES ('${'c'.repeat(32)}', 3, '/x/b.py', 'ok')`));
  resume();
  assert.equal((await running).rowCount, 100_000);
  assert.equal(Number((await store.query('SELECT count(*) FROM runs')).rows[0]![0]), 2);
  await store.connection.run(`DELETE FROM runs WHERE run_key = 3`);
});

test('UserQueries: a connection per query, at most N at once, a waiting query can be cancelled', async () => {
  let opened = 0;
  const queries = new UserQueries(async () => {
    opened++;
    return store.connect();
  }, 1);
  const slow = queries.run('SELECT count(*) FROM range(1000000000) a, range(1000000) b', { timeoutMs: 600, maxRows: 1 }, { columns: () => undefined, rows: () => undefined });
  const gone = new AbortController();
  const waiting = queries.run('SELECT 1', { timeoutMs: 30_000, maxRows: 1, signal: gone.signal }, { columns: () => undefined, rows: () => undefined });
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(queries.running, 1);
  gone.abort();
  await assert.rejects(waiting, (err: LabtraceError) => err.code === 'QUERY_CANCELLED');
  await assert.rejects(slow, (err: LabtraceError) => err.code === 'QUERY_TIMEOUT');
  assert.equal((await queries.run('SELECT 1', LIMITS, { columns: () => undefined, rows: () => undefined })).rowCount, 1);
  assert.equal(opened, 2);
  assert.equal(queries.running, 0);
});
