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
import { RELEASE_BEFORE_CORRELATION, releaseBeforeCorrelation } from '../store/idle-release.js';

type Frame = Parameters<typeof pb.AgentMessage.encode>[0];
const message = (f: Frame): AgentMessage => decodeAgentMessage(pb.AgentMessage.encode(f).finish());

/** Stores a run of `events` events (hello, one batch, RunEnd) in a daemon and returns what it did, in order, until the run's correlation. */
async function storeAndCorrelate(events: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-corr-release-'));
  const seen: string[] = [];
  const log: Logger = {
    log: (_level, msg) => void seen.push(msg),
    info: () => undefined, warn: () => undefined, error: () => undefined,
    debug: (msg) => void seen.push(msg), // IdleMemoryRelease logs each release at debug level
  };
  let correlated: () => void = () => undefined;
  const done = new Promise<void>((r) => (correlated = r));
  const daemon = await startDaemon({
    home: resolveHome(join(dir, 'home')), port: 0, log, memoryLimit: '64MB', idleMemoryLimit: '8MB',
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
  try {
    const runId = 'c'.repeat(32);
    await daemon.ingester.submit(message({ hello: { protocolVersion: 1, runId, run: { pid: 4242, script: 'nop.py' } } }), runId, 'spool');
    const n = events;
    await daemon.ingester.submit(message({ batch: { seq: 1, kind: new Array<number>(n).fill(1), codeId: new Array<number>(n).fill(1), line: new Array<number>(n).fill(1) } }), runId, 'spool');
    await daemon.ingester.submit(message({ end: { seq: 2, exitCode: 0 } }), runId, 'spool');
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

test('after a large ingest the memory is released before the correlation', async () => {
  assert.deepEqual(await storeAndCorrelate(RELEASE_BEFORE_CORRELATION.events), ['memory released', 'correlation']);
});

test('a release pays with many events since the last one or many cached blocks', () => {
  assert.equal(releaseBeforeCorrelation(3, 4e6), false);
  assert.equal(releaseBeforeCorrelation(RELEASE_BEFORE_CORRELATION.events, 0), true);
  assert.equal(releaseBeforeCorrelation(0, RELEASE_BEFORE_CORRELATION.cachedBytes), true);
});
