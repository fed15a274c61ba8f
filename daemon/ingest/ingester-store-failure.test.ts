/**
 * A commit the store fails on its own (DuckDB out of memory at COMMIT, a run key left in the runs index
 * by a failed commit) never makes a run unstorable: the group is retried, a persisting failure refuses
 * its frames as retryable (STORE_UNAVAILABLE), and a spool file that met one stays for the next scan.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBConnection } from '@duckdb/node-api';
import { LabtraceError } from '../../common/errors.js';
import { createLogger } from '../log.js';
import { decodeAgentMessage, pb, type AgentMessage } from '../protocol/messages.js';
import { SpoolIngestor } from '../spool/spool-ingest.js';
import { Store } from '../store/store.js';
import { Ingester } from './ingester.js';

const RUN = 'e'.repeat(32);
const EVENTS = 20_000;
const RETRY_MS = [5, 5, 5];

type Frame = Parameters<typeof pb.AgentMessage.encode>[0];
const hello: Frame = { hello: { protocolVersion: 1, runId: RUN, run: { pid: 4242, script: 'train.py' } } };
const batch = (seq: number): Frame => ({
  batch: { seq, kind: new Array<number>(EVENTS).fill(1), codeId: new Array<number>(EVENTS).fill(1), line: Array.from({ length: EVENTS }, (_, i) => i) },
});
const message = (f: Frame): AgentMessage => decodeAgentMessage(pb.AgentMessage.encode(f).finish());

async function withStore(body: (store: Store, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-ingest-failure-'));
  const store = await Store.open(join(dir, 'store.duckdb'), { memoryLimit: '64MB' });
  try {
    await body(store, dir);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Makes the writer's next `count` COMMITs fail in DuckDB itself: memory_limit is lowered (from another
 * connection) to the least DuckDB accepts just before, so the commit cannot get the blocks it needs.
 * Returns how many commits really failed.
 */
function failCommitsForMemory(store: Store, count: number): { failed: number } {
  const seen = { failed: 0 };
  const writer = store.connection;
  const run = writer.run.bind(writer);
  writer.run = (async (sql: string, ...rest: unknown[]) => {
    if (sql !== 'COMMIT' || count <= 0) return (run as (s: string, ...r: unknown[]) => ReturnType<DuckDBConnection['run']>)(sql, ...rest);
    count--;
    const side = await store.connect();
    try {
      for (let mb = 1; mb <= 32; mb++) {
        try {
          await side.run(`SET memory_limit = '${mb}MB'`);
          break;
        } catch {
          /* more than this is pinned: try a little more */
        }
      }
      try {
        return await run('COMMIT');
      } catch (err) {
        seen.failed++;
        throw err;
      }
    } finally {
      await side.run(`SET memory_limit = '64MB'`);
      side.closeSync();
    }
  }) as DuckDBConnection['run'];
  return seen;
}

/**
 * The next `count` inserts of a runs row, on any connection, fail as they did after the failed commit
 * seen in notebook.test.ts (DuckDB 1.5.6 did not leave such a key in these tests' failed commits).
 */
async function withGhostRunKey(count: number, body: () => Promise<void>): Promise<void> {
  const proto = DuckDBConnection.prototype;
  const read = proto.runAndReadAll;
  proto.runAndReadAll = async function (this: DuckDBConnection, ...args: Parameters<DuckDBConnection['runAndReadAll']>) {
    if (count > 0 && /^\s*INSERT INTO runs\b/.test(args[0])) {
      count--;
      throw new Error(`Constraint Error: Duplicate key "run_id: ${RUN}" violates primary key constraint.`);
    }
    return read.apply(this, args);
  };
  try {
    await body();
  } finally {
    proto.runAndReadAll = read;
  }
}

async function stored(store: Store): Promise<{ runs: number; batches: number; events: number }> {
  const r = await store.query(
    `SELECT (SELECT count(*) FROM runs WHERE run_id = $1), (SELECT count(*) FROM batches WHERE run_id = $1),
       (SELECT count(*) FROM event_log e JOIN runs r USING (run_key) WHERE r.run_id = $1)`,
    [RUN],
  );
  const [runs, batches, events] = r.rows[0]!.map(Number);
  return { runs: runs!, batches: batches!, events: events! };
}

/** A hello and two batches whose COMMIT DuckDB fails; the agent then spools them (as it does on a 1011 close). */
async function failedCommitThenSpool(store: Store, spool: string): Promise<void> {
  const other = 'f'.repeat(32);
  const ingester = new Ingester(store, createLogger({ level: (process.env.TEST_LOG_LEVEL as 'debug' | undefined) ?? 'error' }), RETRY_MS);
  await ingester.submit(message(hello), RUN, 'ws');
  const failing = failCommitsForMemory(store, 1); // the commit of the batches' group
  const refused = await Promise.allSettled([batch(1), batch(2)].map((f) => ingester.submit(message(f), RUN, 'ws')));
  assert.equal(failing.failed, 1, 'the injected commit failure happened in DuckDB');
  for (const r of refused) {
    assert.ok(r.status === 'rejected' && r.reason instanceof LabtraceError && r.reason.code === 'STORE_UNAVAILABLE', `refused as retryable: ${r.status === 'rejected' ? String(r.reason) : 'committed'}`);
  }
  // another run is not held up
  await ingester.submit(message({ hello: { protocolVersion: 1, runId: other, run: { pid: 4343 } } }), other, 'ws');
  await ingester.submit(message(batch(1)), other, 'ws');
  // the spool file is kept for later, not quarantined
  const file = join(spool, `${RUN}-4242-1.spool`);
  writeFileSync(file, Buffer.concat([hello, batch(1), batch(2)].map((f) => Buffer.from(pb.AgentMessage.encodeDelimited(f).finish()))));
  const ingestor = new SpoolIngestor(spool, ingester, createLogger({ level: 'error' }));
  assert.deepEqual(await ingestor.scan(), []);
  assert.ok(existsSync(file), 'the spool file is kept where it was');
  assert.ok(!existsSync(join(spool, 'rejected')), 'nothing quarantined');
  await ingester.close();
}

test('after a COMMIT DuckDB failed for memory, its frames are refused as retryable and the spool file is kept; other runs go on', async () => {
  await withStore(async (store, dir) => {
    const spool = join(dir, 'spool');
    mkdirSync(spool, { recursive: true });
    await failedCommitThenSpool(store, spool);
  });
});

test(
  'after a COMMIT DuckDB failed, a restarted daemon stores the run whole from its spool file',
  { todo: 'DuckDB 1.5.6 brings back some failed commits at reopen (from the WAL) with their batches rows but without their event_log rows: the spooled frames are then skipped as stored' },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labtrace-ingest-failure-'));
    const spool = join(dir, 'spool');
    mkdirSync(spool, { recursive: true });
    try {
      const store = await Store.open(join(dir, 'store.duckdb'), { memoryLimit: '64MB' });
      try {
        await failedCommitThenSpool(store, spool);
      } finally {
        store.close();
      }
      const reopened = await Store.open(join(dir, 'store.duckdb'), { memoryLimit: '64MB' });
      try {
        const results = await new SpoolIngestor(spool, new Ingester(reopened, createLogger({ level: 'error' }), RETRY_MS), createLogger({ level: 'error' })).scan();
        assert.deepEqual(results.map((r) => r.stored + r.duplicates), [2]);
        assert.deepEqual(await stored(reopened), { runs: 1, batches: 2, events: 2 * EVENTS });
      } finally {
        reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('a run key in the index without a visible row (a failed commit leftover) does not make the run unstorable', async () => {
  await withStore(async (store) => {
    const ingester = new Ingester(store, createLogger({ level: (process.env.TEST_LOG_LEVEL as 'debug' | undefined) ?? 'error' }), RETRY_MS);
    await withGhostRunKey(1, async () => {
      const outcomes = await Promise.all([hello, batch(1)].map((f) => ingester.submit(message(f), RUN, 'spool')));
      assert.deepEqual(outcomes.map((o) => o.stored), [true, true]);
    });
    assert.deepEqual(await stored(store), { runs: 1, batches: 1, events: EVENTS });
  });
});

test('a store failure that persists refuses the frames as retryable; the spool file stays and is stored by a later scan', async () => {
  await withStore(async (store, dir) => {
    const spool = join(dir, 'spool');
    const file = join(spool, `${RUN}-4242-1.spool`);
    rmSync(spool, { recursive: true, force: true });
    mkdirSync(spool, { recursive: true });
    writeFileSync(file, Buffer.concat([hello, batch(1), batch(2)].map((f) => Buffer.from(pb.AgentMessage.encodeDelimited(f).finish()))));
    const ingester = new Ingester(store, createLogger({ level: (process.env.TEST_LOG_LEVEL as 'debug' | undefined) ?? 'error' }), RETRY_MS);
    const ingestor = new SpoolIngestor(spool, ingester, createLogger({ level: (process.env.TEST_LOG_LEVEL as 'debug' | undefined) ?? 'error' }));
    // every attempt of the ws hello and of the first scan
    await withGhostRunKey(2 * (1 + RETRY_MS.length), async () => {
      const refused = await ingester.submit(message(hello), RUN, 'ws').then(() => undefined, (err: unknown) => err);
      assert.ok(refused instanceof LabtraceError && refused.code === 'STORE_UNAVAILABLE', `refused as retryable, got ${String(refused)}`);
      assert.deepEqual(await ingestor.scan(), []);
      assert.ok(existsSync(file), 'the spool file is kept where it was');
      assert.ok(!existsSync(join(spool, 'rejected')), 'nothing quarantined');
      assert.equal(ingestor.filesRejected, 0);
    });

    const results = await ingestor.scan();
    assert.deepEqual(results.map((r) => r.stored), [2]);
    assert.ok(!existsSync(file));
    assert.deepEqual(await stored(store), { runs: 1, batches: 2, events: 2 * EVENTS });
  });
});
