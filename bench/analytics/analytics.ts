/**
 * Analytics benchmark: a store with 10 million events across 1,000 runs, generated with DuckDB
 * `INSERT ... SELECT FROM range()` into the real schema (Store.open runs the daemon's DDL; the
 * correlation tables come from analytics/correlate/schema.ts). Every run is then correlated the way
 * the daemon does after RunEnd (analytics/correlate/run-analyzer.ts RunAnalyzer.analyzeRun, as
 * daemon/runs/analysis-queue.ts calls it), with the static labels given (see benchAnalyzer), so the
 * product's phase breakdown (`phase_breakdown` view, `labtrace show`, `labtrace runs --phase`) is timed
 * over what the daemon would have written. Then the queries users wait for, plus the ad hoc joins of
 * the raw events for comparison. Each query: cold (first execution in a fresh process after opening
 * the file) and warm (median of 5). Plus the static analysis of a 5,000-line script from
 * bench/static-analysis.ts when it exists.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store, runQuery } from '../../daemon/store/store.js';
import { CORRELATION_DDL } from '../../analytics/correlate/schema.js';
import { RunAnalyzer, type StaticAnalysis } from '../../analytics/correlate/run-analyzer.js';
import { knowledgeRuntimePhases } from '../../analytics/correlate/runtime-phases.js';
import { RECORD_SQL, loadRunRecord } from '../../analytics/reports/run-record.js';
import { runsSql } from '../../cli/commands/runs.js';
import type { SqlParam, SqlRunner } from '../../common/sql-source.js';
import { argValue, hasFlag, percentile, workDir } from '../support/bench-daemon.js';
import {
  PHASE_BREAKDOWN_SQL, PHASE_BREAKDOWN_INT_SQL, PHASE_BREAKDOWN_VIEW_SQL, STATEMENT_TIMES_SQL, STATEMENT_TIMES_TABLE_SQL, DATA_LINEAGE_SQL,
} from './queries.js';

const quick = hasFlag('quick');
const RUNS = Number(argValue('runs', '1000'));
const EVENTS = Number(argValue('events', '10000000'));
const OUT = argValue('out', '');
const PER_RUN = Math.floor(EVENTS / RUNS);
const LINES = 200; // module-level lines of each generated script

async function generate(store: Store): Promise<void> {
  const c = store.connection;
  const run = (sql: string): Promise<unknown> => c.run(sql);
  for (const ddl of CORRELATION_DDL) await run(ddl);
  await run(`INSERT INTO runs (run_id, run_key, script, cwd, pid, python_version, python_implementation, backend, started_at, ended_at, status, exit_code, events_ingested, events_recorded, events_dropped, agent_cpu_ns)
    SELECT printf('%032x', i), i, '/proj/train_' || (i % 10) || '.py', '/proj', 1000 + i, '3.12.1', 'CPython', 'monitoring',
      TIMESTAMP '2026-01-01' + to_seconds(i * 60), TIMESTAMP '2026-01-01' + to_seconds(i * 60 + 30), 'ok', 0, ${PER_RUN}, ${PER_RUN}, 0, 5000000
    FROM range(1, ${RUNS + 1}) t(i)`);
  // Code objects: 1 = the module, 2..40 user functions, 41..50 library functions.
  await run(`INSERT INTO code_objects
    SELECT printf('%032x', r.i), k.j,
      CASE WHEN k.j <= 40 THEN '/proj/train_' || (r.i % 10) || '.py' ELSE '/venv/site-packages/sklearn/mod_' || k.j || '.py' END,
      CASE WHEN k.j = 1 THEN '<module>' WHEN k.j <= 40 THEN 'fn_' || k.j ELSE 'Estimator.fit_' || k.j END,
      CASE WHEN k.j = 1 THEN 1 ELSE k.j * 5 END, k.j <= 40, CASE WHEN k.j <= 40 THEN '__main__' ELSE 'sklearn.mod_' || k.j END
    FROM range(1, ${RUNS + 1}) r(i), range(1, 51) k(j)`);
  // Events: 30% statements walking through the module's lines in order (with loops), 40% calls/returns, 20% library calls, 10% returns.
  await run(`INSERT INTO event_log
    SELECT (i // ${PER_RUN})::INTEGER + 1 AS run_key,
      CASE WHEN m < 3 THEN 3 WHEN m < 5 THEN 1 WHEN m < 7 THEN 2 WHEN m < 9 THEN 4 ELSE 2 END::UTINYINT AS kind,
      (j * 1000 + m * 37)::BIGINT AS t_ns,
      CASE WHEN m < 3 THEN 1 WHEN m < 7 THEN 2 + (j % 39) ELSE 41 + (j % 10) END::INTEGER AS code_id,
      CASE WHEN m < 3 THEN 1 + (j * ${LINES} // ${PER_RUN}) ELSE 1 + (j % ${LINES}) END::INTEGER AS line,
      0 AS thread,
      CASE WHEN m IN (7, 8) THEN 2 + (j % 39) ELSE 0 END::INTEGER AS caller_id,
      CASE WHEN m >= 5 THEN (j % 9973) * 100 ELSE 0 END::BIGINT AS duration_ns
    FROM (SELECT i, i % ${PER_RUN} AS j, (i * 7) % 10 AS m FROM range(0, ${RUNS * PER_RUN}) t(i))`);
  // Experiment record for lineage: files, variables, models (hyperparameters), metrics, sources.
  await run(`INSERT INTO file_accesses (run_id, path, mode, is_write, size, sha256, hash_method, code_id, line, t_ns) SELECT printf('%032x', r.i), '/proj/data/d_' || (r.i % 50) || '.csv', 'r', false, 1000000, md5('d' || (r.i % 50)), 'full', 1, 5, 1000 FROM range(1, ${RUNS + 1}) r(i)`);
  await run(`INSERT INTO file_accesses (run_id, path, mode, is_write, size, sha256, hash_method, code_id, line, t_ns) SELECT printf('%032x', r.i), '/proj/out/model_' || r.i || '.pkl', 'wb', true, 20000, md5('m' || r.i), 'full', 1, 190, 9000000 FROM range(1, ${RUNS + 1}) r(i)`);
  await run(`INSERT INTO variables (run_id, name, code_id, line, type, shape, dtype, columns, fingerprint, object_id, value, number, t_ns) SELECT printf('%032x', r.i), 'v' || k.j, 1, 5 + k.j * 8, CASE WHEN k.j = 1 THEN 'pandas.core.frame.DataFrame' WHEN k.j = 20 THEN 'sklearn.ensemble.RandomForestRegressor' ELSE 'numpy.ndarray' END,
      '(1000, 8)', 'float64', [], md5(r.i || '-' || k.j), r.i * 100 + k.j, NULL, NULL, k.j * 100000 FROM range(1, ${RUNS + 1}) r(i), range(1, 21) k(j)`);
  await run(`INSERT INTO hyperparameters (run_id, estimator, object_id, name, value, type, is_default, code_id, line, t_ns, source) SELECT printf('%032x', r.i), 'sklearn.ensemble.RandomForestRegressor', r.i * 100 + 20, 'p' || k.j, (r.i % 7 + k.j)::VARCHAR, 'int', k.j > 3, 1, 165, 8000000, 'get_params'
    FROM range(1, ${RUNS + 1}) r(i), range(1, 11) k(j)`);
  await run(`INSERT INTO metrics (run_id, function, value, repr, code_id, line, t_ns, source) SELECT printf('%032x', r.i), 'sklearn.metrics.mean_absolute_error', 0.1 + (r.i % 100) / 1000.0, NULL, 1, 180, 8500000, 'return' FROM range(1, ${RUNS + 1}) r(i)`);
  await run(`INSERT INTO source_blobs SELECT md5('src' || k.j), 6000, encode(string_agg('v' || l.s || ' = step(v' || (l.s - 1) || ')', chr(10) ORDER BY l.s)) FROM range(0, 10) k(j), range(1, ${LINES + 1}) l(s) GROUP BY k.j`);
  await run(`INSERT INTO run_sources SELECT printf('%032x', r.i), '/proj/train_' || (r.i % 10) || '.py', md5('src' || (r.i % 10)) FROM range(1, ${RUNS + 1}) r(i)`);
  await run('CHECKPOINT');
}

const PHASES = ['data_loading', 'data_cleaning', 'feature_engineering', 'model_training', 'model_evaluation'] as const;

/** The phase of a generated module-level line: five phases over line ranges. */
function phaseOfLine(line: number): string {
  return PHASES[line <= 40 ? 0 : line <= 80 ? 1 : line <= 120 ? 2 : line <= 170 ? 3 : 4]!;
}

/**
 * Stands in for analytics/static in the correlation: the generated scripts (`vN = step(vN-1)`) say
 * nothing about their phase, so the labels are given: one top-level statement per line, five phases
 * over line ranges. Everything else (sources, run-time callees, timeline, writes) is the daemon's code.
 */
function benchAnalyzer(): StaticAnalysis {
  const statements = Array.from({ length: LINES }, (_, i) => ({ start_line: i + 1, end_line: i + 1, phases: [phaseOfLine(i + 1)], evidence: ['bench label'], confidence: 0.9 }));
  return { statements, functions: [], parameters: [] };
}

/** Correlates every run, one after the other, as the daemon's analysis queue does after each RunEnd. */
async function correlate(store: Store): Promise<{ correlate_s: number; ms_per_run: number; phase_intervals: number; statement_times: number }> {
  const analyzer = new RunAnalyzer(store.connection, benchAnalyzer, knowledgeRuntimePhases());
  const ids = (await store.connection.runAndReadAll('SELECT run_id FROM runs ORDER BY started_at')).getRows().map(([id]) => String(id));
  const t0 = performance.now();
  for (const id of ids) await analyzer.analyzeRun(id);
  const correlateS = (performance.now() - t0) / 1000;
  const [[intervals, times]] = (await store.connection.runAndReadAll('SELECT (SELECT count(*) FROM phase_intervals), (SELECT count(*) FROM statement_times)')).getRows() as [bigint, bigint][];
  await store.connection.run('CHECKPOINT');
  return { correlate_s: correlateS, ms_per_run: (correlateS * 1000) / ids.length, phase_intervals: Number(intervals), statement_times: Number(times) };
}

/**
 * The generated runs make five intervals each (their statements walk the phases in order). The worst
 * case for the view is one interval per statement execution (the phase changing at every module-level
 * statement): the same view over that many intervals, in a store of its own.
 */
async function worstCaseBreakdown(): Promise<Timing> {
  const store = await Store.open(':memory:');
  try {
    const c = store.connection;
    for (const ddl of CORRELATION_DDL) await c.run(ddl);
    const statementsPerRun = Math.floor(PER_RUN * 0.3);
    await c.run(`INSERT INTO phase_intervals
      SELECT printf('%032x', i // ${statementsPerRun} + 1), i % ${statementsPerRun}, ['${PHASES.join("','")}'][1 + (i % ${PHASES.length})], '/proj/train.py',
        (i % ${statementsPerRun}) * 3000, (i % ${statementsPerRun}) * 3000 + 2500, 1 + i % ${LINES}, 1 + i % ${LINES}
      FROM range(0, ${RUNS * statementsPerRun}) t(i)`);
    return await time(async () => (await runQuery(c, PHASE_BREAKDOWN_VIEW_SQL)).rows.length,
      `phase_breakdown view over ${RUNS * statementsPerRun} intervals (one per statement execution), in memory`);
  } finally {
    store.close();
  }
}

interface Timing {
  cold_s: number;
  warm_s: number;
  warm_max_s: number;
  rows: number;
  note?: string;
}

async function time(fn: () => Promise<number>, note?: string): Promise<Timing> {
  let t = performance.now();
  const rows = await fn();
  const cold = (performance.now() - t) / 1000;
  const warm: number[] = [];
  for (let i = 0; i < (quick ? 3 : 5); i++) {
    t = performance.now();
    await fn();
    warm.push((performance.now() - t) / 1000);
  }
  return { cold_s: cold, warm_s: percentile(warm, 0.5), warm_max_s: Math.max(...warm), rows, note };
}

async function staticAnalysis(): Promise<Record<string, unknown>> {
  const compiled = new URL('../static-analysis.js', import.meta.url);
  if (!existsSync(compiled)) return { status: 'not available yet (bench/static-analysis.ts is not there)' };
  try {
    const mod = (await import(compiled.href)) as Record<string, unknown>;
    const fn = mod.runStaticAnalysisBench as (() => Promise<Record<string, unknown>> | Record<string, unknown>) | undefined;
    if (typeof fn !== 'function') return { status: 'bench/static-analysis.ts does not export runStaticAnalysisBench' };
    const raw = await fn();
    const n = (k: string): number | undefined => (typeof raw[k] === 'number' ? (raw[k] as number) : undefined);
    // warm = re-analysis after a one-line edit with parser and knowledge base loaded (the editor/CLI case);
    // cache_hit = unchanged content (sha256 lookup).
    return { status: 'ok', lines: n('lines'), cold_ms: n('cold_ms'), cold_parsed_ms: n('cold_parsed_ms'), warm_ms: n('warm_changed_ms'),
      warm_max_ms: n('warm_changed_max_ms'), cache_hit_ms: n('cache_hit_ms'), statements: n('statements') };
  } catch (err) {
    return { status: `bench/static-analysis.ts failed: ${String(err)}` };
  }
}

async function main(): Promise<void> {
  const dir = workDir('analytics');
  const path = join(dir, 'traces.duckdb');
  const t0 = performance.now();
  const writer = await Store.open(path);
  await generate(writer);
  const generateS = (performance.now() - t0) / 1000;
  console.error(`[analytics] generated ${RUNS * PER_RUN} events over ${RUNS} runs in ${generateS.toFixed(1)} s`);
  const correlation = await correlate(writer);
  writer.close();
  console.error(`[analytics] correlated ${RUNS} runs in ${correlation.correlate_s.toFixed(1)} s (${correlation.ms_per_run.toFixed(1)} ms a run): ${correlation.phase_intervals} phase intervals, ${correlation.statement_times} statement times`);

  const store = await Store.open(path, { readOnly: true });
  const c = store.connection;
  const q = async (sql: string, params?: readonly SqlParam[]): Promise<number> => (await runQuery(c, sql, params && [...params])).rows.length;
  const oneRun = `'${(RUNS / 2).toString(16).padStart(32, '0')}'`;
  const queries: Record<string, Timing> = {};
  const oneId = oneRun.slice(1, -1);
  const runner: SqlRunner = (sql, params) => runQuery(c, sql, params && [...params]);
  // The product: the phase_breakdown view (over phase_intervals), as SQL users and `labtrace show` read it.
  queries.phase_breakdown_all_runs = await time(() => q(PHASE_BREAKDOWN_VIEW_SQL), 'phase_breakdown view, every run (SELECT * FROM phase_breakdown)');
  queries.phase_breakdown_one_run = await time(() => q(RECORD_SQL.phases, [oneId]), 'phase_breakdown view, one run (labtrace show)');
  queries.runs_by_phase = await time(() => {
    const runs = runsSql(20, { phase: 'model_training' });
    return q(runs.sql, runs.params);
  }, 'labtrace runs --phase model_training');
  queries.run_record_one_run = await time(async () => (await loadRunRecord(runner, oneId)).phases.length, 'labtrace show: the whole record of one run (phases)');
  // Ad hoc SQL from the raw events, for comparison (the product does not run these).
  queries.adhoc_phase_join_all_runs = await time(() => q(PHASE_BREAKDOWN_SQL('true')), 'ad hoc: statements view x statement_phases on line ranges, every run');
  queries.adhoc_phase_join_one_run = await time(() => q(PHASE_BREAKDOWN_SQL(`s.run_id = ${oneRun}`)), 'ad hoc: same, one run');
  queries.adhoc_phase_join_int_all = await time(() => q(PHASE_BREAKDOWN_INT_SQL('true')), 'ad hoc: same rows, integer keys, ranges expanded to lines');
  queries.statement_times_table_all = await time(() => q(STATEMENT_TIMES_TABLE_SQL), 'per-statement time, top 50 over all runs (statement_times)');
  queries.statement_times_one_run = await time(() => q(STATEMENT_TIMES_SQL(`run_id = ${oneRun}`)), 'ad hoc: per-line time from the statements view, one run');
  queries.statement_times_all_runs = await time(() => q(STATEMENT_TIMES_SQL('true')), 'ad hoc: per-line time from the statements view, top 50 over all runs');
  queries.data_lineage_file = await time(() => q(DATA_LINEAGE_SQL("'/proj/data/d_7.csv'")), 'runs that read a file -> models, metrics, outputs');
  try {
    const { buildLineage } = await import('../../analytics/reports/lineage.js');
    queries.lineage_one_run = await time(async () => (await buildLineage(runner, oneRun.slice(1, -1))).nodes.length, 'analytics/reports/lineage.ts buildLineage (nodes)');
  } catch (err) {
    console.error('[analytics] lineage report unavailable:', String(err));
  }
  queries.runs_list = await time(() => q('SELECT * FROM run_summary ORDER BY started_at DESC LIMIT 20'), 'labtrace runs');
  store.close();
  queries.phase_breakdown_worst_case = await worstCaseBreakdown();
  const result = {
    runs: RUNS, events: RUNS * PER_RUN, generate_s: generateS, correlation, database_bytes: statSync(path).size, queries,
    static_analysis: await staticAnalysis(),
  };
  for (const [name, t] of Object.entries(queries)) console.error(`[analytics] ${name}: cold ${t.cold_s.toFixed(3)} s, warm ${t.warm_s.toFixed(3)} s (${t.rows} rows)`);
  if (OUT) writeFileSync(OUT, JSON.stringify(result, null, 1));
  else console.log(JSON.stringify(result, null, 1));
}

await main();
