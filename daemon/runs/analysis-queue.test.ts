/**
 * The analysis queue and `analyzeNow` (what `labtrace show` asks for) share one connection: a run that
 * ends while another is being correlated on demand must wait its turn, not open a second transaction.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store, runQuery } from '../store/store.js';
import type { Logger } from '../log.js';
import { AnalysisQueue, type RunCorrelator } from './analysis-queue.js';
import { runCorrelator } from '../../analytics/correlate/run-correlator.js';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = (): void => undefined;
  const keep = (m: string, f?: Record<string, unknown>): void => {
    warnings.push(`${m} ${JSON.stringify(f ?? {})}`);
  };
  return { warnings, log: ignore, debug: ignore, info: ignore, warn: keep, error: keep };
}

test('a run queued while another is correlated on demand waits its turn', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-queue-'));
  const store = await Store.open(join(dir, 'traces.duckdb'));
  try {
    const c = store.connection;
    const ids = ['a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32)];
    for (const [i, id] of ids.entries()) {
      await c.run(`INSERT INTO runs (run_id, run_key, script, started_at, ended_at, status)
        VALUES ($1, $2, NULL, TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:01', 'ok')`, [id, i + 1]);
    }
    const log = recordingLogger();
    const queue = new AnalysisQueue(runCorrelator(c), log);
    await queue.ensureSchema();
    // on demand first, then two runs end while it is under way
    const onDemand = queue.analyzeNow(ids[0]!);
    queue.enqueue(ids[1]!);
    queue.enqueue(ids[2]!);
    assert.deepEqual(await onDemand, { files: 0, intervals: 0 });
    await queue.idle();
    assert.deepEqual(log.warnings, []);
    assert.equal(queue.analyzed, 2);
    const rows = (await runQuery(c, 'SELECT run_id, status FROM run_analysis ORDER BY run_id')).rows;
    assert.deepEqual(rows, ids.map((id) => [id, 'ok']));
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a correlation that ran out of memory is retried once when retryAfter says so, else it fails', async () => {
  const oom = new Error('Out of Memory Error: failed to pin block of size 256.0 KiB (45.9 MiB/45.7 MiB used)');
  const flaky = (failures: number): { correlator: RunCorrelator; calls: () => number } => {
    let calls = 0;
    return {
      calls: () => calls,
      correlator: {
        ensureSchema: async () => undefined,
        uncorrelatedRuns: async () => [],
        analyzeRun: async () => {
          calls++;
          if (calls <= failures) throw oom;
          return { files: 1, intervals: 2 };
        },
      },
    };
  };
  const released: unknown[] = [];
  const retryAfter = async (err: unknown): Promise<boolean> => {
    released.push(err);
    return /Out of Memory/.test(String(err));
  };
  // once out of memory: memory given back, the second try stores it
  const once = flaky(1);
  const log = recordingLogger();
  const queue = new AnalysisQueue(once.correlator, log, { retryAfter });
  queue.enqueue('a'.repeat(32));
  await queue.idle();
  assert.deepEqual([queue.analyzed, queue.failed, once.calls(), released.length, log.warnings], [1, 0, 2, 1, []]);
  // twice: one retry only, then the failure is logged
  const twice = flaky(2);
  const log2 = recordingLogger();
  const queue2 = new AnalysisQueue(twice.correlator, log2, { retryAfter });
  queue2.enqueue('b'.repeat(32));
  await queue2.idle();
  assert.deepEqual([queue2.analyzed, queue2.failed, twice.calls()], [0, 1, 2]);
  assert.match(log2.warnings[0]!, /run correlation failed.*Out of Memory/);
  // without retryAfter (or when it says no): no retry
  const plain = flaky(1);
  const queue3 = new AnalysisQueue(plain.correlator, recordingLogger());
  queue3.enqueue('c'.repeat(32));
  await queue3.idle();
  assert.deepEqual([queue3.analyzed, queue3.failed, plain.calls()], [0, 1, 1]);
});
