/**
 * Daemon memory while it answers one big user query: a real daemon on a store that already holds
 * millions of events (the ingest benchmark's), `SELECT * FROM event_log LIMIT 2000000` through the
 * CLI's API with the row cap raised to 2M, RSS sampled from /proc every 50 ms over the daemon's whole
 * life (start-up, the query, a few seconds of idle afterwards, shutdown). Also how long
 * `GET /v1/status` takes meanwhile (it must not wait for the query).
 * Run alone: node build/bench/ingest/query-memory.js [--home DIR] [--rows N]
 */
import { BenchDaemon, MemorySampler, argValue, formatPhases, readProcMemory, sleep, workDir, type MemoryReport } from '../support/bench-daemon.js';

export interface QueryMemoryResult {
  rows_requested: number;
  rows_received: number | null;
  truncated: boolean | null;
  response_bytes: number;
  elapsed_s: number;
  rss_before_bytes: number;
  rss_max_during_bytes: number;
  rss_idle_after_bytes: number;
  status_ms_max_during: number;
  /** The daemon's whole life, start-up to shutdown. */
  /** The daemon's JS heap (V8's committed size) at the end of the idle time. */
  js_heap_total_idle_bytes: number;
  /** Times the daemon gave memory back when idle after work (see daemon/store/idle-release.ts). */
  memory_releases: number;
  rss_max_bytes: number;
  rss_max_phase: string;
  memory: MemoryReport;
  error?: string;
}

function rss(pid: number): number {
  return readProcMemory(pid)?.rss ?? 0;
}

/** Starts a daemon on `home` (a store filled by the ingest benchmark), runs the big query, stops the daemon. */
export async function queryMemory(home: string, rows = 2_000_000, idleS = 8): Promise<QueryMemoryResult> {
  const daemon = await BenchDaemon.start(home);
  const memory = new MemorySampler(daemon.pid, 'startup');
  try {
    await sleep(1000); // start-up backlog (spool scan, liveness) settles
    const before = rss(daemon.pid);
    memory.mark('query');
    let statusMax = 0;
    let running = true;
    const headers = { authorization: `Bearer ${daemon.token}`, 'content-type': 'application/json' };
    const sampler = (async () => {
      while (running) {
        const t = performance.now();
        try {
          await fetch(`http://127.0.0.1:${daemon.port}/v1/status`, { headers, signal: AbortSignal.timeout(30_000) });
        } catch {
          /* counted as slow */
        }
        statusMax = Math.max(statusMax, performance.now() - t);
        await sleep(100);
      }
    })();
    const t0 = performance.now();
    let bytes = 0;
    let tail = '';
    let error: string | undefined;
    try {
      const response = await fetch(`http://127.0.0.1:${daemon.port}/v1/query`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ sql: `SELECT * FROM event_log LIMIT ${rows}`, max_rows: rows, timeout_s: 600 }),
      });
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        tail = (tail + decoder.decode(chunk, { stream: true })).slice(-400);
      }
      if (!response.ok) error = `HTTP ${response.status}: ${tail}`;
    } catch (err) {
      error = String(err);
    }
    const elapsed = (performance.now() - t0) / 1000;
    running = false;
    await sampler;
    const maxDuring = memory.currentMax;
    memory.mark('idle');
    const count = /"row_count":(\d+)/.exec(tail);
    const truncated = /"truncated":(true|false)/.exec(tail);
    const errorInBody = /"error":\{[^}]*\}/.exec(tail);
    await sleep(idleS * 1000);
    const idleAfter = rss(daemon.pid);
    const idleStatus = await daemon.status().catch(() => ({}) as Record<string, unknown>);
    memory.mark('shutdown');
    await daemon.stop();
    const report = memory.stop();
    const result: QueryMemoryResult = {
      rows_requested: rows,
      rows_received: count ? Number(count[1]) : null,
      truncated: truncated ? truncated[1] === 'true' : null,
      response_bytes: bytes,
      elapsed_s: elapsed,
      rss_before_bytes: before,
      rss_max_during_bytes: maxDuring,
      rss_idle_after_bytes: idleAfter,
      status_ms_max_during: statusMax,
      js_heap_total_idle_bytes: Number(idleStatus.js_heap_total_bytes ?? NaN),
      memory_releases: Number(idleStatus.memory_releases_since_start ?? NaN),
      rss_max_bytes: report.rss_max_bytes,
      rss_max_phase: report.rss_max_phase,
      memory: report,
    };
    if (error ?? errorInBody) result.error = error ?? errorInBody![0];
    const mb = (n: number): string => `${(n / 2 ** 20).toFixed(0)} MB`;
    console.error(`[query] ${rows} rows requested, ${result.rows_received ?? '?'} received (${(bytes / 1e6).toFixed(0)} MB of JSON) in ${elapsed.toFixed(2)} s; ` +
      `daemon RSS ${mb(before)} before, ${mb(maxDuring)} max during, ${mb(idleAfter)} idle ${idleS} s after; ` +
      `whole life ${mb(report.rss_max_bytes)} max (${report.rss_max_phase}: ${formatPhases(report)}); status answered within ${statusMax.toFixed(0)} ms${result.error ? `; error ${result.error}` : ''}`);
    return result;
  } finally {
    await daemon.stop();
    memory.stop();
  }
}

if (process.argv[1]?.endsWith('query-memory.js')) {
  const home = argValue('home', '') || workDir('ingest', false);
  const result = await queryMemory(home, Number(argValue('rows', '2000000')));
  console.log(JSON.stringify(result, null, 1));
}
