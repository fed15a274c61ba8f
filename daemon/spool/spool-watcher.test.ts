/**
 * A new spool file is ingested once the process that wrote it has exited (its commit then takes no CPU
 * from that process's exit), and at the latest after the watcher's bound when that process runs on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ingester } from '../ingest/ingester.js';
import { createLogger } from '../log.js';
import { pb } from '../protocol/messages.js';
import { Store } from '../store/store.js';
import { SpoolIngestor } from './spool-ingest.js';
import { SpoolWatcher } from './spool-watcher.js';

const log = createLogger({ level: 'error' });
type Frame = Parameters<typeof pb.AgentMessage.encode>[0];

/** A closed spool file of a tiny run (hello, a batch, RunEnd), length-delimited as the agent writes it. */
function spoolBytes(runId: string, pid: number): Buffer {
  const frames: Frame[] = [
    { hello: { protocolVersion: 1, runId, run: { pid, script: 'nop.py' } } },
    { batch: { seq: 1, kind: [1, 2], codeId: [1, 1], line: [1, 1] } },
    { end: { seq: 2, exitCode: 0 } },
  ];
  return Buffer.concat(frames.map((f) => Buffer.from(pb.AgentMessage.encodeDelimited(f).finish())));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function untilGone(path: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (existsSync(path) && Date.now() < deadline) await sleep(10);
  return !existsSync(path);
}

async function withWatcher(writerWaitMs: number, body: (spool: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-spool-watch-'));
  const spool = join(dir, 'spool');
  mkdirSync(spool);
  const store = await Store.open(join(dir, 'store.duckdb'));
  const ingester = new Ingester(store, log);
  const watcher = new SpoolWatcher(spool, new SpoolIngestor(spool, ingester, log), log, 60_000, writerWaitMs);
  await watcher.start();
  try {
    await sleep(200); // chokidar's watch is ready
    await body(spool);
  } finally {
    await watcher.stop();
    await ingester.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a spool file is ingested once its writer has exited, not while it runs', async () => {
  await withWatcher(30_000, async (spool) => {
    const writer = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 700)'], { stdio: 'ignore' });
    const exited = new Promise((r) => writer.once('exit', r));
    const file = join(spool, `${'a'.repeat(32)}-${writer.pid!}-1.spool`);
    writeFileSync(`${file}.partial`, spoolBytes('a'.repeat(32), writer.pid!));
    await sleep(100);
    renameSync(`${file}.partial`, file);
    await sleep(400);
    assert.ok(existsSync(file), 'not ingested while its writer runs');
    await exited;
    assert.ok(await untilGone(file, 5000), 'ingested once its writer has exited');
  });
});

test('a spool file whose writer runs on is ingested after the bound', async () => {
  await withWatcher(300, async (spool) => {
    const file = join(spool, `${'b'.repeat(32)}-${process.pid}-1.spool`); // this process: it runs on
    const t0 = Date.now();
    writeFileSync(file, spoolBytes('b'.repeat(32), process.pid));
    assert.ok(await untilGone(file, 5000), 'ingested');
    assert.ok(Date.now() - t0 >= 250, `after the bound (${Date.now() - t0} ms)`);
  });
});
