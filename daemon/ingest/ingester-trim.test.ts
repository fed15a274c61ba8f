/**
 * The ingester's trim hook (the daemon's memory release during a long ingest): it runs between two
 * commit groups each time enough events were committed, and no group commits while it runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../log.js';
import { decodeAgentMessage } from '../protocol/messages.js';
import { Store } from '../store/store.js';
import { Ingester } from './ingester.js';
import { batchFrame, helloFrame, newRunId } from '../../test/support/fake-agent.js';

test('trim runs between commit groups every everyEvents committed events, with no commit meanwhile', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-trim-'));
  const store = await Store.open(join(dir, 'store.duckdb'));
  const ingester = new Ingester(store, createLogger({ level: 'error' }));
  const seen: number[] = [];
  let trimming = false;
  let committedDuringTrim = false;
  ingester.trim = {
    everyEvents: 250_000,
    run: async () => {
      trimming = true;
      const before = ingester.stats.eventsCommitted;
      seen.push(before);
      await new Promise((r) => setTimeout(r, 30));
      committedDuringTrim ||= ingester.stats.eventsCommitted !== before;
      trimming = false;
    },
  };
  try {
    const runId = newRunId();
    await ingester.submit(decodeAgentMessage(helloFrame(runId)), runId, 'ws');
    // 40 frames of 20 k events: groups of at most 256 k events: several groups, a trim after the group that passes 250 k and 500 k
    const frames = Array.from({ length: 40 }, (_, i) => ingester.submit(decodeAgentMessage(batchFrame(i + 1, 20_000)), runId, 'ws'));
    await Promise.all(frames);
    await ingester.drain();
    assert.equal(ingester.stats.eventsCommitted, 800_000);
    assert.ok(ingester.stats.transactions >= 4, `${ingester.stats.transactions} commit groups`);
    assert.equal(seen.length, 2, `trims at ${seen.join(', ')}`);
    assert.ok(seen[0]! >= 250_000 && seen[1]! - seen[0]! >= 250_000, `trims at ${seen.join(', ')}`);
    assert.equal(committedDuringTrim, false);
    assert.equal(trimming, false);
  } finally {
    await ingester.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
