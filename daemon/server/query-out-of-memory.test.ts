/**
 * A user query that meets DuckDB's memory limit: the daemon gives the pool back and runs it once more,
 * alone (in the fresh-clone CI a test's query failed so while 60 runs were ingested and correlated);
 * one that needs more than the limit even alone gets QUERY_OUT_OF_MEMORY, clearly, and the daemon goes on.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveHome } from '../../common/home.js';
import { startDaemon } from '../daemon.js';
import type { Logger } from '../log.js';

const dir = mkdtempSync(join(tmpdir(), 'labtrace-query-oom-'));
const home = resolveHome(join(dir, 'home'));
const seen: string[] = [];
const log: Logger = {
  log: (_level, msg) => void seen.push(msg),
  info: (msg) => void seen.push(msg), warn: () => undefined, error: () => undefined,
  debug: (msg) => void seen.push(msg),
};
const daemon = await startDaemon({
  home, port: 0, log, memoryLimit: '48MB', idleMemoryLimit: '8MB', // the daemon's
  correlator: () => ({ ensureSchema: async () => undefined, uncorrelatedRuns: async () => [], analyzeRun: async () => ({ files: 0, intervals: 0 }) }),
});
after(async () => {
  await daemon.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function query(sql: string): Promise<{ status: number; body: { rows?: unknown[][]; error?: { code: string; message: string; hint?: string } } }> {
  const token = readFileSync(home.token, 'utf8').trim();
  const response = await fetch(`http://127.0.0.1:${daemon.port}/v1/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sql }),
  });
  return { status: response.status, body: (await response.json()) as { rows?: unknown[][]; error?: { code: string; message: string } } };
}

test('a query needing more than the memory limit even alone: retried once after a release, then QUERY_OUT_OF_MEMORY with a hint', async () => {
  seen.length = 0;
  const { status, body } = await query('SELECT length(list(range)) FROM range(20000000)');
  assert.equal(body.error?.code, 'QUERY_OUT_OF_MEMORY', JSON.stringify(body));
  assert.ok(status >= 400);
  assert.match(body.error!.message, /ran out of its memory limit while answering \(Out of Memory Error/);
  assert.match(body.error!.hint ?? '', /LABTRACE_DAEMON_MEMORY_LIMIT/);
  assert.deepEqual(seen.filter((m) => /out of memory/.test(m)), ['query out of memory: retried after a memory release']);
  assert.deepEqual((await query('SELECT 41 + 1 AS answer')).body.rows, [[42]]);
});
