/**
 * The daemon's idle memory release: Store.releaseMemory evicts DuckDB's cached blocks and puts the
 * memory_limit back; IdleMemoryRelease releases once per burst of work, only when idle, and never
 * while work that goes through around() (user queries) runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store, runQuery } from './store.js';
import { IdleMemoryRelease } from './idle-release.js';
import { createLogger } from '../log.js';

const log = createLogger({ file: undefined, level: 'error' });

test('releaseMemory evicts cached table blocks and restores memory_limit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-release-'));
  const store = await Store.open(join(dir, 'traces.duckdb'), { memoryLimit: '64MB' });
  try {
    const c = store.connection;
    // Values that do not compress: ~48 MB of blocks.
    await c.run(`INSERT INTO event_log SELECT 1, 3, hash(i) >> 1, i % 50, i % 400, 0, 0, hash(i + 1) >> 1 FROM range(3000000) t(i)`);
    await c.run('CHECKPOINT');
    await runQuery(c, 'SELECT sum(t_ns::HUGEINT), sum(duration_ns::HUGEINT) FROM event_log'); // reads every block into the pool
    const cached = async (): Promise<number> => Number((await runQuery(c, `SELECT sum(memory_usage_bytes) FROM duckdb_memory()`)).rows[0]![0]);
    const before = await cached();
    assert.ok(before > 24e6, `the pool caches the table (${before} bytes)`);
    assert.deepEqual(await store.releaseMemory('8MB'), { checkpointed: true });
    const after = await cached();
    assert.ok(after <= 8e6, `DuckDB holds ${after} bytes after the release (was ${before})`);
    assert.equal((await runQuery(c, `SELECT current_setting('memory_limit')`)).rows[0]![0], '61.0 MiB');
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('IdleMemoryRelease releases once after work, when idle, never during around() work', async () => {
  let activity = 0;
  let idle = false;
  let releases = 0;
  let gate: (() => void) | undefined;
  const release = new IdleMemoryRelease(
    () => ({ activity: String(activity), idle }),
    async () => {
      releases++;
      await new Promise<void>((r) => (gate = r));
    },
    log,
  );
  await release.tick();
  idle = true;
  await release.tick();
  assert.equal(releases, 0, 'no work yet: nothing to release');

  activity++;
  idle = false;
  await release.tick();
  assert.equal(releases, 0, 'not while busy');

  // Work through around() holds releases off while it runs, and counts as work.
  idle = true;
  let finish: (() => void) | undefined;
  const query = release.around(() => new Promise<string>((r) => (finish = () => r('rows'))));
  await new Promise((r) => setImmediate(r));
  await release.tick();
  assert.equal(releases, 0, 'not while a query runs');
  finish!();
  assert.equal(await query, 'rows');

  const running = release.tick();
  assert.equal(releases, 1);
  // A query arriving during the release waits for it.
  let started = false;
  const late = release.around(async () => {
    started = true;
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(started, false, 'a query waits for the release');
  gate!();
  await running;
  await late;
  assert.equal(started, true);

  // The late query was work: one more release, then none until new work.
  const again = release.tick();
  gate!();
  await again;
  await release.tick();
  assert.equal(releases, 2);
  assert.equal(release.releases, 2);
  await release.stop();
});

test('IdleMemoryRelease.now releases at once with its own release, but never during around() work nor twice at a time', async () => {
  let idleReleases = 0;
  const release = new IdleMemoryRelease(() => ({ activity: '0', idle: false }), async () => void idleReleases++, log);
  let ran = 0;
  let finish: () => void = () => undefined;
  const blocked = new Promise<void>((r) => (finish = r));
  // during a user query: refused
  let refused: boolean | undefined;
  await release.around(async () => {
    refused = await release.now(async () => void ran++);
  });
  assert.equal(refused, false);
  assert.equal(ran, 0);
  // one running: a second is refused, a query waits for it
  const first = release.now(async () => {
    ran++;
    await blocked;
  });
  assert.equal(await release.now(async () => void ran++), false);
  let queried = false;
  const query = release.around(async () => void (queried = true));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(queried, false, 'a user query waits for the release');
  finish();
  assert.equal(await first, true);
  await query;
  assert.equal(queried, true);
  assert.equal(ran, 1);
  assert.equal(release.releases, 1);
  assert.equal(idleReleases, 0, 'the idle release is not the one run');
});
