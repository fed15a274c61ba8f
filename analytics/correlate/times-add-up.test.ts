/**
 * Phase and statement times never exceed the run's wall time (issue 11: a run that failed with
 * FileNotFoundError lasted 0.936 s and showed phases of 0.742 s + 0.919 s). A run whose module never
 * returns (an exception, sys.exit) ends its last statement at the run's end, not at "the last event's
 * time plus its duration": an EXCEPTION or RETURN event is stamped when its frame ends and its duration
 * is the frame's whole life, so adding the two counted the run twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store, appendRows, runQuery } from '../../daemon/store/store.js';
import { RunAnalyzer, type StaticAnalysis } from './run-analyzer.js';

const SCRIPT = '/p/fail.py';
const SOURCE = ['import time', 'def work():', '    return sum(range(10))', 'work()', 'time.sleep(0.2)', 'open("missing.csv")'].join('\n');
const analyze = (): StaticAnalysis => ({
  statements: [
    { start_line: 1, end_line: 1, phases: ['setup'], evidence: [], confidence: 0.9 },
    { start_line: 2, end_line: 3, phases: ['other'], evidence: [], confidence: 0.9 },
    { start_line: 4, end_line: 4, phases: ['other'], evidence: [], confidence: 0.9 },
    { start_line: 6, end_line: 6, phases: ['data_loading'], evidence: [], confidence: 0.9 },
  ],
  functions: [],
  parameters: [],
});
const MS = 1_000_000;
const WALL_MS = 250;

// kind, t_ns, code_id, line, thread, caller_id, duration_ns: the shape of the reproduced failing run.
const EVENTS: number[][] = [
  [3, 3 * MS, 1, 1, 0, 0, 0],
  [3, 14 * MS, 1, 4, 0, 0, 0],
  [1, 14.5 * MS, 2, 2, 0, 0, 0],
  [2, 25 * MS, 2, 0, 0, 0, 10.5 * MS], // work() returned: stamped at its end, duration its whole call
  [3, 48 * MS, 1, 5, 0, 0, 0],
  [4, 48.5 * MS, 3, 5, 0, 1, 200 * MS], // time.sleep: stamped at its start
  [3, 249 * MS, 1, 6, 0, 0, 0],
  [4, 249.1 * MS, 4, 6, 0, 1, 0.05 * MS],
  [5, 249.2 * MS, 1, 6, 0, 0, 246 * MS], // the exception escaped <module>: duration = the module's life
  [3, 100 * MS, 1, 5, 1, 0, 0], // another thread
];

test('a run that failed: phases and statement times sum to at most its wall time, the failing statement ends with the run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-times-'));
  const store = await Store.open(join(dir, 'traces.duckdb'));
  try {
    const c = store.connection;
    const id = 'f'.repeat(32);
    await c.run(`INSERT INTO source_blobs VALUES (sha256($1), $2, encode($1))`, [SOURCE, SOURCE.length]);
    await c.run(`INSERT INTO runs (run_id, run_key, script, script_sha256, started_at, ended_at, status)
      VALUES ($1, 1, $2, sha256($3), TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (${WALL_MS}) MILLISECOND, 'failed')`, [id, SCRIPT, SOURCE]);
    await c.run(`INSERT INTO code_objects VALUES ($1, 1, $2, '<module>', 1, true, '__main__'), ($1, 2, $2, 'work', 2, true, '__main__'),
      ($1, 3, NULL, 'sleep', 0, false, 'time'), ($1, 4, NULL, 'open', 0, false, 'io')`, [id, SCRIPT]);
    await appendRows(c, 'event_log', EVENTS.map(([kind, t, code, line, thread, caller, dur]) => [1, kind!, BigInt(Math.round(t!)), code!, line!, thread!, caller!, BigInt(Math.round(dur!))]));
    await new RunAnalyzer(c, analyze, () => []).analyzeRun(id);
    const one = async (sql: string): Promise<number> => Number((await runQuery(c, sql, [id])).rows[0]![0]);
    const phases = await one(`SELECT sum(wall_ns) FROM phase_breakdown WHERE run_id = $1`);
    const statements = await one(`SELECT sum(total_ns) FROM statement_times WHERE run_id = $1`);
    const latest = await one(`SELECT max(end_ns) FROM phase_intervals WHERE run_id = $1`);
    assert.ok(phases <= WALL_MS * MS, `phases ${phases / 1e9} s > wall ${WALL_MS / 1e3} s`);
    assert.ok(statements <= WALL_MS * MS, `statements ${statements / 1e9} s > wall ${WALL_MS / 1e3} s`);
    assert.equal(latest, WALL_MS * MS);
    assert.equal(await one(`SELECT total_ns FROM statement_times WHERE run_id = $1 AND start_line = 6`), (WALL_MS - 249) * MS);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
