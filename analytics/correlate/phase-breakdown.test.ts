/**
 * The phase breakdown the product serves (`phase_breakdown` view over the `phase_intervals` the
 * correlation writes once per run, `statement_times`, `labtrace runs --phase`) against its definition
 * computed straight from the raw events in SQL: the `statements` view (main thread) joined to the
 * top-level `statement_phases` ranges, unlabelled lines counting as `other`, each statement lasting
 * until the next one starts and the last one until the run's end. A small store with several runs,
 * two files, loops, a nested statement, another thread, calls in between and a runtime refinement.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store, appendRows, runQuery } from '../../daemon/store/store.js';
import { RunAnalyzer, type StaticAnalysis, type StaticStatement } from './run-analyzer.js';
import { runsSql } from '../../cli/commands/runs.js';

const SCRIPT = '/p/train.py';
const HELPERS = '/p/helpers.py';
const SOURCES: Record<string, string> = {
  [SCRIPT]: ['import pandas as pd', 'df = pd.read_csv("d.csv")', 'df = df.dropna()', 'model = fit_it(df)', 'for epoch in range(3):',
    '    model.step()', '    score = model.score()', '    print(score)', 'print(score)', 'df2 = df[df.x > 0]', 'x = 1', 'report(score)'].join('\n'),
  [HELPERS]: ['import os', 'DATA = load(', '    "d.csv")', 'y = 2'].join('\n'),
};
const st = (start_line: number, end_line: number, phase: string, confidence = 0.9): StaticStatement => ({ start_line, end_line, phases: [phase], evidence: [], confidence });
const LABELS: Record<string, StaticStatement[]> = {
  [SCRIPT]: [st(1, 1, 'setup'), st(2, 2, 'data_loading'), st(3, 3, 'data_cleaning'), st(4, 4, 'other', 0.3), st(5, 8, 'model_training'),
    st(6, 6, 'model_training'), st(7, 7, 'model_evaluation'), st(9, 9, 'model_evaluation'), st(10, 10, 'data_cleaning'), st(12, 12, 'model_evaluation')],
  [HELPERS]: [st(1, 1, 'setup'), st(2, 3, 'data_loading')],
};
const analyze = (_source: string, file: string): StaticAnalysis => ({ statements: LABELS[file] ?? [], functions: [], parameters: [] });
// Line 4 calls LinearRegression.fit at run time: the unsure `other` label becomes model_training.
const runtimePhases = (module: string, qualname: string): string[] => (qualname === 'LinearRegression.fit' && module.startsWith('sklearn') ? ['model_training'] : []);

/** Deterministic pseudo-random numbers (LCG) so the store is the same every time. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface RunSpec { id: string; key: number; statements: number; moduleReturn: boolean; seed: number }
const RUNS: RunSpec[] = [
  { id: 'a'.repeat(32), key: 1, statements: 300, moduleReturn: true, seed: 1 },
  { id: 'b'.repeat(32), key: 2, statements: 150, moduleReturn: true, seed: 2 },
  { id: 'c'.repeat(32), key: 3, statements: 80, moduleReturn: false, seed: 3 },
  { id: 'd'.repeat(32), key: 4, statements: 1, moduleReturn: true, seed: 4 },
];

async function buildStore(store: Store): Promise<Map<string, number>> {
  const c = store.connection;
  const ends = new Map<string, number>();
  for (const source of Object.values(SOURCES)) {
    await c.run(`INSERT INTO source_blobs VALUES (sha256($1), $2, encode($1))`, [source, source.length]);
  }
  for (const run of RUNS) {
    const next = rng(run.seed);
    await c.run(`INSERT INTO runs (run_id, run_key, script, script_sha256, started_at, ended_at, status)
      VALUES ($1, $2, $3, sha256($4), TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:01', 'ok')`, [run.id, run.key, SCRIPT, SOURCES[SCRIPT]!]);
    await c.run(`INSERT INTO run_sources VALUES ($1, $2, sha256($3))`, [run.id, HELPERS, SOURCES[HELPERS]!]);
    await c.run(`INSERT INTO code_objects VALUES ($1, 1, $2, '<module>', 1, true, '__main__'), ($1, 2, $3, '<module>', 1, true, 'helpers'),
      ($1, 3, $2, 'fit_it', 20, true, '__main__'), ($1, 10, '/v/sklearn/linear_model/_base.py', 'LinearRegression.fit', 500, false, 'sklearn.linear_model._base')`,
    [run.id, SCRIPT, HELPERS]);
    const events: (number | bigint)[][] = []; // kind, t_ns, code_id, line, thread, caller_id, duration_ns
    let t = 1000;
    let line = 1;
    for (let i = 0; i < run.statements; i++) {
      t += 1 + Math.floor(next() * 5000);
      // Mostly the next line (loops jump back), sometimes the helpers module's top level.
      const r = next();
      if (r < 0.1) events.push([3, t, 2, 1 + Math.floor(next() * 4), 0, 0, 0]);
      else {
        line = r < 0.3 ? 5 + Math.floor(next() * 4) : r < 0.35 ? 1 + Math.floor(next() * 12) : (line % 12) + 1;
        events.push([3, t, 1, line, 0, 0, 0]);
        if (line === 4) events.push([4, t + 1, 10, 4, 0, 1, 700]);
      }
      if (next() < 0.2) events.push([1, t + 2, 3, 20, 0, 0, 0], [2, t + 3, 3, 21, 0, 0, 1]);
      if (next() < 0.15) events.push([3, t + 4, 1, 1 + Math.floor(next() * 12), 1, 0, 0]); // another thread: not the module's timeline
    }
    const end = run.moduleReturn ? t + 10 : 1e9; // without the module's return: the run's wall time (1 s)
    if (run.moduleReturn) events.push([2, end, 1, 12, 0, 0, 0]);
    ends.set(run.id, end);
    await appendRows(c, 'event_log', events.map(([kind, tNs, code, ln, thread, caller, dur]) => [run.key, kind!, BigInt(tNs!), code!, ln!, thread!, caller!, BigInt(dur!)]));
  }
  return ends;
}

/** The definition from raw events: main-thread statements, labelled by the top-level range they fall in, else `other`. */
const REFERENCE_STATEMENTS = (ends: Map<string, number>): string => `
  WITH run_end(run_id, end_ns) AS (VALUES ${[...ends].map(([id, end]) => `('${id}', ${end}::BIGINT)`).join(', ')}),
  s AS (
    SELECT s.run_id, s.file, s.line, s.t_ns, coalesce(s.duration_ns, greatest(e.end_ns, s.t_ns) - s.t_ns) AS duration_ns,
      coalesce(p.phase, 'other') AS phase, coalesce(p.start_line, s.line) AS start_line, coalesce(p.end_line, s.line) AS end_line
    FROM statements s JOIN run_end e ON e.run_id = s.run_id
    LEFT JOIN statement_phases p ON p.run_id = s.run_id AND p.file = s.file AND s.line BETWEEN p.start_line AND p.end_line AND p.top_level
    WHERE s.thread = 0),
  o AS (
    SELECT *, lag(phase) OVER w IS DISTINCT FROM phase OR lag(file) OVER w IS DISTINCT FROM file AS new_interval,
      lag(file || ':' || start_line) OVER w IS DISTINCT FROM file || ':' || start_line AS new_execution
    FROM s WINDOW w AS (PARTITION BY run_id ORDER BY t_ns))`;

const REFERENCE_BREAKDOWN = (ends: Map<string, number>): string => `${REFERENCE_STATEMENTS(ends)}
  SELECT run_id, phase, count(*) FILTER (WHERE new_interval) AS intervals, sum(duration_ns) AS wall_ns,
    round(100.0 * sum(duration_ns) / nullif(sum(sum(duration_ns)) OVER (PARTITION BY run_id), 0), 1) AS share_pct, min(t_ns) AS first_start_ns
  FROM o GROUP BY run_id, phase ORDER BY run_id, phase`;

const REFERENCE_STATEMENT_TIMES = (ends: Map<string, number>): string => `${REFERENCE_STATEMENTS(ends)}
  SELECT run_id, file, start_line, end_line, phase, min(t_ns) AS first_start_ns, sum(duration_ns) AS total_ns, count(*) FILTER (WHERE new_execution) AS executions
  FROM o GROUP BY ALL ORDER BY run_id, file, start_line`;

const plain = (rows: unknown[][]): unknown[][] => rows.map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));

test('phase_breakdown, statement_times and runs --phase equal the breakdown computed from the raw events', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-breakdown-'));
  const store = await Store.open(join(dir, 'traces.duckdb'));
  try {
    const ends = await buildStore(store);
    const analyzer = new RunAnalyzer(store.connection, analyze, runtimePhases);
    for (const run of RUNS) await analyzer.analyzeRun(run.id);
    const c = store.connection;
    const q = async (sql: string): Promise<unknown[][]> => plain((await runQuery(c, sql)).rows);

    // The runtime refinement took effect (both sides read the refined label).
    assert.deepEqual(await q(`SELECT phase, refined_by_runtime FROM statement_phases WHERE run_id = '${RUNS[0]!.id}' AND file = '${SCRIPT}' AND start_line = 4`), [['model_training', true]]);

    const product = await q('SELECT run_id, phase, intervals, wall_ns, share_pct, first_start_ns FROM phase_breakdown ORDER BY run_id, phase');
    const reference = await q(REFERENCE_BREAKDOWN(ends));
    assert.ok(product.length >= 4 * 1 && new Set(product.map((r) => r[1])).size >= 5, `a varied breakdown: ${JSON.stringify(product)}`);
    assert.deepEqual(product, reference);

    const times = await q('SELECT run_id, file, start_line, end_line, phase, first_start_ns, total_ns, executions FROM statement_times ORDER BY run_id, file, start_line');
    assert.deepEqual(times, await q(REFERENCE_STATEMENT_TIMES(ends)));

    // `labtrace runs --phase`: the runs whose main thread ran a statement of that phase.
    for (const phase of ['model_evaluation', 'data_cleaning', 'setup', 'other']) {
      const runs = runsSql(100, { phase });
      const listed = plain((await runQuery(c, runs.sql, [...runs.params])).rows).map((r) => r[0]).sort();
      const expected = [...new Set(reference.filter((r) => r[1] === phase).map((r) => r[0]))].sort();
      assert.deepEqual(listed, expected, phase);
    }
    // One run through the view: the same rows as its part of the all-runs answer.
    const one = await q(`SELECT run_id, phase, intervals, wall_ns, share_pct, first_start_ns FROM phase_breakdown WHERE run_id = '${RUNS[1]!.id}' ORDER BY run_id, phase`);
    assert.deepEqual(one, reference.filter((r) => r[0] === RUNS[1]!.id));
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a run that executed no module-level statement is analyzed, with an empty breakdown', async () => {
  // (python -c runs and multiprocessing workers: the script is not a file, no statement is recorded)
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-breakdown-'));
  const store = await Store.open(join(dir, 'traces.duckdb'));
  try {
    const c = store.connection;
    const id = 'e'.repeat(32);
    await c.run(`INSERT INTO runs (run_id, run_key, script, started_at, ended_at, status)
      VALUES ($1, 9, NULL, TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:01', 'ok')`, [id]);
    const result = await new RunAnalyzer(c, analyze, runtimePhases).analyzeRun(id);
    assert.deepEqual(result, { files: 0, intervals: 0 });
    const q = async (sql: string): Promise<unknown[][]> => (await runQuery(c, sql)).rows;
    assert.deepEqual(await q(`SELECT status FROM run_analysis WHERE run_id = '${id}'`), [['ok']]);
    assert.deepEqual(await q(`SELECT * FROM phase_breakdown WHERE run_id = '${id}'`), []);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
