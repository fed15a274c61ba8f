/**
 * Diagnostic (issue 10): where the daemon's CPU goes for the spool file of a tiny run, in process, phase
 * by phase: the spool ingest (read, decode, the commit groups, unlink), the run's correlation
 * (analytics' runCorrelator, as the daemon's AnalysisQueue runs it) and the idle memory release
 * (Store.releaseMemory at the daemon's idle floor), as the daemon does them after such a run.
 *    node build/bench/ingest/spool-run-cost.js SPOOL_SRC N [--memory-limit 48MB] [--idle-floor 8MB] [--only-ingest] [--no-release] [--preload-events N]
 * SPOOL_SRC: spool files of tiny runs (each is stored N / files times under fresh run ids).
 * CPU = process.cpuUsage() (all threads: DuckDB's included), medians and means in ms.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Store } from '../../daemon/store/store.js';
import { Ingester } from '../../daemon/ingest/ingester.js';
import { SpoolIngestor } from '../../daemon/spool/spool-ingest.js';
import { createLogger } from '../../daemon/log.js';
import { runCorrelator } from '../../analytics/correlate/run-correlator.js';
import { argValue } from '../support/bench-daemon.js';

const [src, nArg] = process.argv.slice(2);
if (!src || !nArg) {
  console.error('usage: spool-run-cost SPOOL_SRC N [--memory-limit 48MB] [--idle-floor 8MB]');
  process.exit(2);
}
const N = Number(nArg);
const memoryLimit = argValue('memory-limit', '48MB');
const idleFloor = argValue('idle-floor', '8MB');
/** --only-ingest: neither correlation nor release between runs (a burst of runs, as the start-up benchmark gives the daemon). */
const onlyIngest = process.argv.includes('--only-ingest');
/** --preload-events N: a store that already holds N events of another run (a daemon that has traced a while). */
const preload = Number(argValue('preload-events', '0'));
/** --no-release: the correlation without the memory release before each one. */
const noRelease = process.argv.includes('--no-release');

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function summary(name: string, xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return `${name} median ${s[Math.floor(s.length / 2)]!.toFixed(1)} mean ${mean.toFixed(1)} max ${s[s.length - 1]!.toFixed(1)}`;
}

async function main(): Promise<void> {
  const files = readdirSync(src!).filter((f) => f.endsWith('.spool')).sort().map((f) => join(src!, f));
  const dir = mkdtempSync(join(tmpdir(), 'lt-spoolcost-'));
  const spool = join(dir, 'spool');
  rmSync(spool, { recursive: true, force: true });
  const { mkdirSync } = await import('node:fs');
  mkdirSync(spool);
  const log = createLogger({ file: join(dir, 'daemon.log') });
  const store = await Store.open(join(dir, 'labtrace.duckdb'), { memoryLimit });
  try {
    if (preload > 0) {
      await store.connection.run(`INSERT INTO event_log SELECT 1000000, 3, i * 1000, i % 50, i % 400, 0, 0, 0 FROM range(${preload}) t(i)`);
      await store.connection.run('CHECKPOINT');
    }
    const ingester = new Ingester(store, log);
    const ingestor = new SpoolIngestor(spool, ingester, log);
    const analysisConnection = await store.connect();
    const correlator = runCorrelator(analysisConnection);
    await correlator.ensureSchema();
    const ingestCpu: number[] = [], ingestWall: number[] = [], corrCpu: number[] = [], releaseCpu: number[] = [];
    for (let i = 0; i < N; i++) {
      const file = files[i % files.length]!;
      const oldId = file.split('/').pop()!.split('-')[0]!;
      const runId = randomBytes(16).toString('hex');
      const bytes = Buffer.from(readFileSync(file).toString('latin1').split(oldId).join(runId), 'latin1');
      const path = join(spool, `${runId}-${4_000_000 + i}-1.spool`);
      writeFileSync(path, bytes);
      let c = process.cpuUsage();
      const t0 = performance.now();
      const r = await ingestor.ingestFile(path);
      ingestWall.push(performance.now() - t0);
      ingestCpu.push(cpuMs(c));
      if (!r || r.stored !== r.frames - 1) throw new Error(`not stored: ${JSON.stringify(r)}`);
      if (onlyIngest) continue;
      c = process.cpuUsage();
      await correlator.analyzeRun(runId);
      corrCpu.push(cpuMs(c));
      if (noRelease) continue;
      c = process.cpuUsage();
      await store.releaseMemory(idleFloor);
      releaseCpu.push(cpuMs(c));
    }
    const drop = Math.min(3, Math.floor(N / 4)); // the first ones warm up V8 and DuckDB
    console.log(`${N} tiny runs (first ${drop} dropped), memory_limit ${memoryLimit}, transactions ${ingester.stats.transactions}`);
    console.log(`  ${summary('ingest CPU', ingestCpu.slice(drop))} | ${summary('wall', ingestWall.slice(drop))}`);
    if (!onlyIngest) {
      console.log(`  ${summary('correlation CPU', corrCpu.slice(drop))}`);
      if (!noRelease) console.log(`  ${summary('idle release CPU', releaseCpu.slice(drop))}`);
    }
    analysisConnection.closeSync();
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
