/**
 * Correlating a big run keeps memory bounded: a run with 1M module-level statement executions is
 * correlated in this process (a store under the daemon's memory_limit) while its RSS is sampled
 * every 5 ms. Reading the statements into JS at once (values, then one object each) grew RSS by
 * 200-240 MB here; streamed one DuckDB chunk at a time into the TimelineBuilder it grows by 50-60 MB
 * (DuckDB's buffer pool and sort within its memory_limit, jemalloc keeping freed pages for a second
 * in a test process, a few MB of JS). 100 MB sits between the two with a 40 MB margin.
 * The result is checked too: every statement's time, the one merged interval per phase change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store, runQuery } from '../../daemon/store/store.js';
import { RunAnalyzer, type StaticAnalysis } from './run-analyzer.js';
import { DAEMON_MEMORY_LIMIT } from '../../cli/commands/daemon.js';

const STATEMENTS = 1_000_000;
const RSS_GROWTH_LIMIT_MB = 100;
const RUN = 'e'.repeat(32);
const SCRIPT = '/p/big.py';
// Two top-level statements of different phases: lines 1-2 load, lines 3-4 train (a loop body).
const SOURCE = ['df = load()', 'df = df.dropna()', 'for i in range(n):', '    model.step(df)'].join('\n');
const analyze = (): StaticAnalysis => ({
  statements: [
    { start_line: 1, end_line: 2, phases: ['data_loading'], evidence: [], confidence: 0.9 },
    { start_line: 3, end_line: 4, phases: ['model_training'], evidence: [], confidence: 0.9 },
  ],
  functions: [],
  parameters: [],
});

function rssBytes(): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
}

test('correlating a run of 1M statement executions grows RSS by less than 100 MB', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-corrmem-'));
  const store = await Store.open(join(dir, 'traces.duckdb'), { memoryLimit: DAEMON_MEMORY_LIMIT });
  try {
    const c = store.connection;
    await c.run(`INSERT INTO source_blobs VALUES (sha256($1), $2, encode($1))`, [SOURCE, SOURCE.length]);
    await c.run(`INSERT INTO runs (run_id, run_key, script, script_sha256, started_at, ended_at, status)
      VALUES ($1, 1, $2, sha256($3), TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:10', 'ok')`, [RUN, SCRIPT, SOURCE]);
    await c.run(`INSERT INTO code_objects VALUES ($1, 1, $2, '<module>', 1, true, '__main__')`, [RUN, SCRIPT]);
    // Statement i at t = 1000 i: lines 1, 2 once, then the loop's lines 3 and 4 alternately; the last
    // 1000 go back to line 2 (a second data_loading interval).
    await c.run(`INSERT INTO event_log
      SELECT 1, 3, i * 1000, 1, CASE WHEN i < 2 THEN i + 1 WHEN i >= ${STATEMENTS - 1000} THEN 2 ELSE 3 + i % 2 END, 0, 0, 0
      FROM range(${STATEMENTS}) t(i)`);
    await c.run('CHECKPOINT');
    const analyzer = new RunAnalyzer(await store.connect(), analyze, () => []);
    await analyzer.ensureSchema();

    const before = rssBytes();
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, rssBytes())), 5);
    let result: { files: number; intervals: number };
    try {
      result = await analyzer.analyzeRun(RUN);
    } finally {
      clearInterval(timer);
    }
    peak = Math.max(peak, rssBytes());
    const growthMb = (peak - before) / 2 ** 20;
    t.diagnostic(`RSS ${(before / 2 ** 20).toFixed(0)} MB before, +${growthMb.toFixed(0)} MB at most while correlating`);

    assert.deepEqual(result, { files: 1, intervals: 3 });
    const times = await runQuery(c, `SELECT start_line, phase, first_start_ns, total_ns, executions FROM statement_times WHERE run_id = $1 ORDER BY start_line`, [RUN]);
    // Each statement lasts until the next starts; the last one until the run's end (10 s: no module return event).
    const lastStart = (STATEMENTS - 1) * 1000;
    assert.deepEqual(times.rows.map(([line, phase, first, total, n]) => [Number(line), phase, Number(first), Number(total), Number(n)]), [
      [1, 'data_loading', 0, 2000 + 999 * 1000 + (10e9 - lastStart), 2],
      [3, 'model_training', 2000, (STATEMENTS - 1002) * 1000, 1],
    ]);
    const intervals = await runQuery(c, `SELECT phase, start_ns, end_ns FROM phase_intervals WHERE run_id = $1 ORDER BY ordinal`, [RUN]);
    assert.deepEqual(intervals.rows.map(([phase, start, end]) => [phase, Number(start), Number(end)]), [
      ['data_loading', 0, 2000],
      ['model_training', 2000, (STATEMENTS - 1000) * 1000],
      ['data_loading', (STATEMENTS - 1000) * 1000, 10e9],
    ]);
    assert.ok(growthMb < RSS_GROWTH_LIMIT_MB, `RSS grew by ${growthMb.toFixed(0)} MB while correlating (limit ${RSS_GROWTH_LIMIT_MB})`);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
