/**
 * Daemon ingest benchmark: N concurrent fake agents replay agent frames over real WebSocket connections
 * to a real daemon (its own process, its own home) as fast as it accepts them, speaking the protocol:
 * Hello, batches seq 1..n (a window of unacknowledged batches in flight, like the agent), RunEnd.
 * Throughput is end to end: from the first batch sent to the last BatchAck (= committed in DuckDB).
 * Daemon CPU is sampled with pidusage; its RSS from /proc every 50 ms over its whole life (MemorySampler):
 * start-up, ingest, the correlation of every run after its RunEnd (waited for through /v1/status),
 * a few seconds idle, shutdown. At the end the daemon is stopped and the store is opened to check that
 * every event sent is in event_log (the one hard failure of `make bench`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pidusage from 'pidusage';
import WebSocket from 'ws';
import { labtrace } from '../../proto/gen/labtrace.js';
import { Store } from '../../daemon/store/store.js';
import { Ingester } from '../../daemon/ingest/ingester.js';
import { batchToRows } from '../../daemon/ingest/batch-rows.js';
import { decodeAgentMessage } from '../../daemon/protocol/messages.js';
import { FrameDecoder } from '../../daemon/protocol/frame-decoder.js';
import { createLogger } from '../../daemon/log.js';
import { helloFrame, endFrame, newRunId } from '../../test/support/fake-agent.js';
import { BenchDaemon, MemorySampler, argValue, formatPhases, hasFlag, percentile, sleep, workDir, type MemoryReport } from '../support/bench-daemon.js';
import { varintBytes } from '../../daemon/protocol/wire-columns.js';
import { queryMemory } from './query-memory.js';

const pb = labtrace.v1;
const quick = hasFlag('quick');
const AGENTS = Number(argValue('agents', quick ? '4' : '8'));
const BATCHES = Number(argValue('batches', quick ? '32' : '128'));
const EVENTS = Number(argValue('events-per-batch', '8192'));
const WINDOW = Number(argValue('window', '8'));
const OUT = argValue('out', '');
const CODE_OBJECTS = 50;
/** Seconds of idle sampled after the last run's correlation. */
const IDLE_S = Number(argValue('idle-s', '3'));

/** A realistic event mix: user calls and returns with durations, module statements, library calls from user code. */
function batchBody(n: number, seed: number): Uint8Array {
  const kind = new Array<number>(n);
  const tDelta = new Array<number>(n);
  const codeId = new Array<number>(n);
  const line = new Array<number>(n);
  const thread = new Array<number>(n);
  const callerId = new Array<number>(n);
  const duration = new Array<number>(n);
  let x = seed >>> 0 || 1;
  const rnd = (): number => ((x = (x * 1103515245 + 12345) >>> 0) >>> 8);
  for (let i = 0; i < n; i++) {
    const r = rnd() % 10;
    const k = r < 4 ? (i % 2 === 0 ? pb.EventKind.CALL : pb.EventKind.RETURN) : r < 7 ? pb.EventKind.STATEMENT : r < 9 ? pb.EventKind.LIB_CALL : pb.EventKind.RETURN;
    kind[i] = k;
    tDelta[i] = 200 + (rnd() % 5000);
    codeId[i] = 1 + (rnd() % CODE_OBJECTS);
    line[i] = 1 + (rnd() % 400);
    thread[i] = 0;
    callerId[i] = k === pb.EventKind.LIB_CALL ? 1 + (rnd() % CODE_OBJECTS) : 0;
    duration[i] = k === pb.EventKind.RETURN || k === pb.EventKind.LIB_CALL ? rnd() % 100000 : 0;
  }
  return pb.EventBatch.encode({ kind, tDelta, codeId, line, thread, callerId, duration }).finish();
}

function firstBatch(n: number): Uint8Array {
  // String id 0 is the empty string by convention: a run's first batch introduces ids from 1.
  const strings = ['/bench/train.py', '__main__'];
  const codeObjects = [];
  for (let i = 1; i <= CODE_OBJECTS; i++) {
    strings.push(`fn_${i}`);
    codeObjects.push({ id: i, file: 1, qualname: strings.length, firstLine: i * 8, user: true, module: 2 });
  }
  const body = pb.EventBatch.decode(batchBody(n, 7));
  return pb.AgentMessage.encode({ batch: { ...body, seq: 1, stringBase: 1, strings, codeObjects } }).finish();
}

/** AgentMessage{batch: EventBatch{seq, ...body}} without re-encoding the event columns for every seq. */
function withSeq(body: Uint8Array, seq: number): Uint8Array {
  const inner = Buffer.concat([Buffer.from([0x08, ...varintBytes(seq)]), body]);
  return Buffer.concat([Buffer.from([0x12, ...varintBytes(inner.length)]), inner]);
}

interface AgentResult {
  runId: string;
  latencies: number[];
  bytes: number;
}

function runAgent(port: number, token: string, frames: Uint8Array[], onStart: () => void): Promise<AgentResult> {
  return new Promise((resolve, reject) => {
    const runId = newRunId();
    const socket = new WebSocket(`ws://127.0.0.1:${port}/agent`, { headers: { authorization: `Bearer ${token}` }, maxPayload: 0 });
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    let next = 0; // index into frames
    let acked = 0;
    let bytes = 0;
    let ended = false;
    const total = frames.length;
    const pump = (): void => {
      while (next < total && next - acked < WINDOW) {
        const f = frames[next]!;
        sentAt.set(next + 1, performance.now());
        socket.send(f);
        bytes += f.length;
        next++;
      }
      if (next === total && acked === total && !ended) {
        ended = true;
        sentAt.set(total + 1, performance.now());
        socket.send(endFrame(total + 1));
      }
    };
    socket.on('open', () => socket.send(helloFrame(runId, token, '/bench/train.py')));
    socket.on('message', (data: Buffer) => {
      const m = pb.DaemonMessage.decode(data);
      if (m.body === 'ack') {
        onStart();
        pump();
      } else if (m.body === 'batchAck') {
        const seq = Number(m.batchAck!.seq ?? 0);
        const t = sentAt.get(seq);
        if (t !== undefined) latencies.push(performance.now() - t);
        if (seq === total + 1) {
          socket.close();
          resolve({ runId, latencies, bytes });
          return;
        }
        acked++;
        pump();
      } else if (m.body === 'error') {
        reject(new Error(`daemon error ${m.error!.code}: ${m.error!.message}`));
      }
    });
    socket.on('close', (code) => {
      if (!ended) reject(new Error(`connection closed early (${code})`));
    });
    socket.on('error', reject);
  });
}


/**
 * Where the daemon's time goes, stage by stage, in this process (no WebSocket, no daemon process):
 * protobuf decode of the frames on this thread, the daemon's frame decoder (a scan: the event columns
 * stay encoded), batch -> rows/columns, and the store commit through the real Ingester (fed with the
 * frame decoder's output, as the daemon does: it decodes the columns into its buffer and appends them).
 */
async function stages(frames: Uint8Array[]): Promise<Record<string, number>> {
  const events = (frames.length) * EVENTS;
  let t = performance.now();
  const decoded = frames.map((f) => decodeAgentMessage(f));
  const decodeS = (performance.now() - t) / 1000;
  t = performance.now();
  const strings = [''];
  for (const m of decoded) {
    const rows = batchToRows('0'.repeat(32), strings, m.batch!);
    strings.push(...rows.newStrings);
  }
  const rowsS = (performance.now() - t) / 1000;
  const decoder = new FrameDecoder();
  t = performance.now();
  const scanned = await Promise.all(frames.map((f) => decoder.decode(f)));
  const scanS = (performance.now() - t) / 1000;
  await decoder.close();
  const dir = workDir('ingest-stages');
  const store = await Store.open(join(dir, 'traces.duckdb'));
  const ingester = new Ingester(store, createLogger({ file: join(dir, 'log'), level: 'warn' }));
  const runId = newRunId();
  await ingester.submit(decodeAgentMessage(helloFrame(runId)), runId, 'ws');
  t = performance.now();
  await Promise.all(scanned.map((f) => ingester.submit(f.message, runId, 'ws', f.events)));
  const commitS = (performance.now() - t) / 1000;
  await ingester.close();
  store.close();
  return {
    events, decode_events_per_s: events / decodeS, frame_scan_events_per_s: events / scanS, rows_events_per_s: events / rowsS,
    // column decode + rows (metadata only) + append + COMMIT
    commit_events_per_s: events / commitS,
  };
}

async function main(): Promise<void> {
  const home = workDir('ingest');
  const tPrep = performance.now();
  const first = firstBatch(EVENTS);
  const bodies = [1, 2, 3, 4].map((s) => batchBody(EVENTS, s * 7919));
  const frames: Uint8Array[][] = [];
  for (let a = 0; a < AGENTS; a++) {
    const list = [first];
    for (let seq = 2; seq <= BATCHES; seq++) list.push(withSeq(bodies[(seq + a) % bodies.length]!, seq));
    frames.push(list);
  }
  const prepMs = performance.now() - tPrep;
  // --cpu-prof: the daemon writes a V8 CPU profile into its home (summarize with bench/ingest/cpuprofile-top.ts).
  const daemon = await BenchDaemon.start(home, hasFlag('cpu-prof') ? ['--cpu-prof', '--cpu-prof-dir', home] : []);
  const memory = new MemorySampler(daemon.pid, 'startup');
  const samples: { cpu: number; rss: number }[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        const s = await pidusage(daemon.pid);
        samples.push({ cpu: s.cpu, rss: s.memory });
      } catch {
        /* process gone */
      }
      await sleep(200);
    }
  })();
  let result: Record<string, unknown>;
  let report: MemoryReport | undefined;
  try {
    const idle = await pidusage(daemon.pid);
    let t0 = 0;
    let cpu0 = process.cpuUsage();
    const start = (): void => {
      if (t0 === 0) {
        t0 = performance.now();
        cpu0 = process.cpuUsage();
      }
    };
    memory.mark('ingest');
    const agents = await Promise.all(frames.map((f) => runAgent(daemon.port, daemon.token, f, start)));
    const elapsed = (performance.now() - t0) / 1000;
    const busy = await pidusage(daemon.pid);
    const clientCpu = process.cpuUsage(cpu0);
    sampling = false;
    await sampler;
    const rssToLastAck = Math.max(idle.memory, ...samples.map((s) => s.rss));
    // After its RunEnd each run is correlated (analysis queue): part of what ingest costs the daemon.
    memory.mark('correlation');
    const tc = performance.now();
    const correlation = await daemon.correlated(AGENTS);
    const correlationS = (performance.now() - tc) / 1000;
    const afterCorrelation = await pidusage(daemon.pid);
    memory.mark('idle');
    await sleep(IDLE_S * 1000);
    const idleStatus = await daemon.status().catch(() => ({}) as Record<string, unknown>);
    memory.mark('shutdown');
    await daemon.stop();
    report = memory.stop();
    const phase = (name: string): number => report!.phases.find((p) => p.phase === name)?.rss_max_bytes ?? 0;
    const sent = AGENTS * BATCHES * EVENTS;
    const store = await Store.open(join(home, 'traces.duckdb'), { readOnly: true });
    const count = async (sql: string): Promise<number> => Number((await store.query(sql)).rows[0]![0]);
    const inStore = await count('SELECT count(*) FROM event_log');
    const inBatches = await count('SELECT coalesce(sum(events), 0) FROM batches');
    const runsOk = await count(`SELECT count(*) FROM runs WHERE status = 'ok'`);
    const perRunOk = await count(`SELECT count(*) FROM (SELECT r.run_key, count(e.run_key) AS n FROM runs r LEFT JOIN event_log e USING (run_key) GROUP BY 1) WHERE n = ${BATCHES * EVENTS}`);
    store.close();
    const latencies = agents.flatMap((a) => a.latencies);
    const ok = inStore === sent && inBatches === sent && runsOk === AGENTS && perRunOk === AGENTS;
    const cpu = samples.map((s) => s.cpu);
    result = {
      agents: AGENTS, batches_per_agent: BATCHES, events_per_batch: EVENTS, window: WINDOW,
      events_sent: sent, bytes_sent: agents.reduce((s, a) => s + a.bytes, 0), elapsed_s: elapsed, events_per_s: sent / elapsed,
      frame_prep_ms: prepMs,
      // this process (the fake agents) shares the machine's cores with the daemon
      client_cpu_s_per_m_events: ((clientCpu.user + clientCpu.system) / 1e6) / (sent / 1e6),
      events_in_store: inStore, events_in_batches_ledger: inBatches, runs_ok: runsOk, runs_complete: perRunOk,
      count_check: ok ? 'ok' : 'FAILED',
      ack_latency_ms: { median: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: Math.max(...latencies) },
      daemon: {
        idle_rss_bytes: idle.memory,
        // CPU seconds (all threads) the daemon spent from idle to the last ack, per million events: less noisy than events/s on a shared machine
        cpu_s_per_m_events: ((busy.ctime - idle.ctime) / 1000) / (sent / 1e6),
        // the daemon's whole life (start-up, ingest, correlation of every run, idle, shutdown), /proc every 50 ms
        rss_max_bytes: report.rss_max_bytes,
        rss_max_phase: report.rss_max_phase,
        rss_max_ingest_bytes: phase('ingest'),
        rss_max_correlation_bytes: phase('correlation'),
        rss_max_idle_bytes: phase('idle'),
        rss_idle_end_bytes: report.phases.find((p) => p.phase === 'idle')?.rss_last_bytes ?? 0,
        js_heap_total_idle_bytes: idleStatus.js_heap_total_bytes ?? null,
        js_heap_used_idle_bytes: idleStatus.js_heap_used_bytes ?? null,
        js_external_idle_bytes: idleStatus.js_external_bytes ?? null,
        // what this benchmark reported before 2026-12-07: pidusage every 200 ms until the last ack
        rss_max_to_last_ack_pidusage_bytes: rssToLastAck,
        correlation_s: correlationS,
        runs_correlated: correlation.correlated,
        correlation_timed_out: correlation.timedOut,
        correlation_cpu_s: (afterCorrelation.ctime - busy.ctime) / 1000,
        cpu_mean_pct: cpu.reduce((a, b) => a + b, 0) / Math.max(1, cpu.length),
        cpu_max_pct: Math.max(0, ...cpu),
        samples: samples.length,
        memory: report,
      },
    };
    console.error(`[ingest] ${AGENTS}x${BATCHES}x${EVENTS} = ${sent} events in ${elapsed.toFixed(2)} s: ${(sent / elapsed).toFixed(0)} events/s; ` +
      `daemon rss max ${(report.rss_max_bytes / 2 ** 20).toFixed(0)} MB (${report.rss_max_phase}: ${formatPhases(report)}); ` +
      `${correlation.correlated} runs correlated in ${correlationS.toFixed(1)} s; ` +
      `daemon cpu ${(result.daemon as { cpu_s_per_m_events: number }).cpu_s_per_m_events.toFixed(2)} s per M events; count check ${result.count_check} (${inStore})`);
  } catch (err) {
    sampling = false;
    await sampler;
    await daemon.stop();
    if (!report) memory.stop();
    result = { error: String(err), count_check: 'FAILED' };
    console.error('[ingest] failed:', err);
  }
  // Daemon memory while it answers a 2M-row user query on the store just filled (--no-query skips it).
  if (result.count_check === 'ok' && !hasFlag('no-query')) {
    try {
      result.query = await queryMemory(home);
    } catch (err) {
      result.query = { error: String(err) };
    }
  }
  if (result.count_check === 'ok' && !hasFlag('no-stages')) {
    try {
      result.stages = await stages(frames[0]!);
      const st = result.stages as Record<string, number>;
      console.error(`[ingest] in-process stages: decode ${st.decode_events_per_s!.toFixed(0)}/s, frame scan ${st.frame_scan_events_per_s!.toFixed(0)}/s, to rows ${st.rows_events_per_s!.toFixed(0)}/s, ingester commit ${st.commit_events_per_s!.toFixed(0)}/s`);
    } catch (err) {
      result.stages = { error: String(err) };
    }
  }
  if (OUT) writeFileSync(OUT, JSON.stringify(result, null, 1));
  else console.log(JSON.stringify(result, null, 1));
  process.exitCode = result.count_check === 'ok' ? 0 : 1;
}

await main();
