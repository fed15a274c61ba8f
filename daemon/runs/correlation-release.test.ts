/**
 * The memory release before a run's correlation (daemon.ts) runs only when it has much to give back:
 * after a large ingest, not after a tiny run (its CHECKPOINT and the cold commits after it cost a
 * no-op run ~100 ms of daemon CPU for a few MB: docs/performance.md, 2026-12-07).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveHome } from '../../common/home.js';
import { startDaemon } from '../daemon.js';
import type { Logger } from '../log.js';
import { decodeAgentMessage, pb, type AgentMessage } from '../protocol/messages.js';
import { RELEASE_BEFORE_CORRELATION_EVENTS, releaseBeforeCorrelation } from '../store/idle-release.js';
import { parseByteSize } from '../store/store.js';

type Frame = Parameters<typeof pb.AgentMessage.encode>[0];
const message = (f: Frame): AgentMessage => decodeAgentMessage(pb.AgentMessage.encode(f).finish());

/**
 * Stores a run of `events` events (hello, one batch, RunEnd) in a daemon and returns what it did, in
 * order, until the run's correlation. `afterCheckpoint`: a tiny run is stored and correlated first, and
 * a CHECKPOINT written, so that this run's rows are appended to checkpointed tables.
 */
async function storeAndCorrelate(events: number, afterCheckpoint = false): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-corr-release-'));
  const seen: string[] = [];
  const log: Logger = {
    log: (_level, msg) => void seen.push(msg),
    info: () => undefined, warn: () => undefined, error: () => undefined,
    debug: (msg) => void seen.push(msg), // IdleMemoryRelease logs each release at debug level
  };
  let correlated: () => void = () => undefined;
  let done = new Promise<void>((r) => (correlated = r));
  const daemon = await startDaemon({
    home: resolveHome(join(dir, 'home')), port: 0, log, memoryLimit: '48MB', idleMemoryLimit: '8MB', // the daemon's
    correlator: () => ({
      ensureSchema: async () => undefined,
      uncorrelatedRuns: async () => [],
      analyzeRun: async () => {
        seen.push('correlation');
        correlated();
        return { files: 0, intervals: 0 };
      },
    }),
  });
  const store = async (runId: string, n: number): Promise<void> => {
    await daemon.ingester.submit(message({ hello: { protocolVersion: 1, runId, run: { pid: 4242, script: 'nop.py' } } }), runId, 'spool');
    await daemon.ingester.submit(message({ batch: { seq: 1, kind: new Array<number>(n).fill(1), codeId: new Array<number>(n).fill(1), line: new Array<number>(n).fill(1) } }), runId, 'spool');
    await daemon.ingester.submit(message({ end: { seq: 2, exitCode: 0 } }), runId, 'spool');
  };
  try {
    if (afterCheckpoint) {
      await store('a'.repeat(32), 3);
      await done;
      await daemon.ingester.between(() => daemon.store.connection.run('CHECKPOINT'));
      seen.length = 0;
      done = new Promise<void>((r) => (correlated = r));
    }
    await store('c'.repeat(32), events);
    await done;
    return seen.filter((m) => m === 'memory released' || m === 'correlation');
  } finally {
    await daemon.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a tiny run is correlated without a memory release before it', async () => {
  assert.deepEqual(await storeAndCorrelate(3), ['correlation']);
});

test('a tiny run appended to checkpointed tables (a fresh block per column: the pool half full) is correlated after a release', async () => {
  assert.deepEqual(await storeAndCorrelate(3, true), ['memory released', 'correlation']);
});

test('after a large ingest the memory is released before the correlation', async () => {
  assert.deepEqual(await storeAndCorrelate(RELEASE_BEFORE_CORRELATION_EVENTS), ['memory released', 'correlation']);
});

test('a release is needed after many events since the last one, or with the pool half full', () => {
  const pool = (usedBytes: number): { usedBytes: number; limitBytes: number } => ({ usedBytes, limitBytes: parseByteSize('45.7 MiB') });
  assert.equal(releaseBeforeCorrelation(3, pool(14e6)), false);
  assert.equal(releaseBeforeCorrelation(RELEASE_BEFORE_CORRELATION_EVENTS, pool(0)), true);
  assert.equal(releaseBeforeCorrelation(3, pool(36e6)), true);
  assert.deepEqual(['45.7 MiB', '18.8 GiB', '512 bytes', '48MB', 'unlimited'].map(parseByteSize), [45.7 * 2 ** 20, 18.8 * 2 ** 30, 512, 48e6, Infinity]);
});
