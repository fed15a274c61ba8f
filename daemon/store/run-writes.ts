/**
 * Every write of a run's tables, with the shape of each table's rows: the ingester decides what to
 * write and when (queue, groups, exactly-once); the SQL and the column order live here, next to
 * schema.ts. Each table has this one writer (correlation's derived rows included, at the end).
 */
import { blobValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { appendRows } from './store.js';

export type StringRow = readonly [runId: string, id: number, value: string];
export type CodeObjectRow = readonly [runId: string, codeId: number, file: string, qualname: string, firstLine: number, isUser: boolean, module: string];
export type ImportRow = readonly [runId: string, module: string, file: string, distribution: string | null, version: string | null, tNs: bigint];
export type FunctionStatRow = readonly [runId: string, codeId: number, calls: bigint, totalNs: bigint, timedCalls: bigint];
export type ThreadRow = readonly [runId: string, thread: number, name: string, ident: bigint];
export type ExceptionRow = readonly [runId: string, codeId: number, line: number, type: string, message: string, tNs: bigint];
export type FileAccessRow = readonly [runId: string, path: string, mode: string | null, isWrite: boolean, size: bigint, sha256: string | null,
  hashMethod: string | null, codeId: number, line: number, tNs: bigint, source: string | null, kind: string];
/** `columns`: a JSON array (the VARCHAR[] column casts it). */
export type VariableRow = readonly [runId: string, name: string, codeId: number, line: number, type: string | null, shape: string | null,
  dtype: string | null, columns: string, fingerprint: string | null, objectId: bigint, value: string | null, number: number | null, tNs: bigint];
/** `source`: get_params (the agent), or literal (correlation: a literal argument in the code). */
export type HyperparameterRow = readonly [runId: string, estimator: string | null, objectId: bigint, name: string, value: string, type: string | null,
  isDefault: boolean, codeId: number, line: number, tNs: bigint, source: string];
/** As the agent sends them: with the trial whose fit it was (issue 11; null outside loops). */
export type TrialHyperparameterRow = readonly [...HyperparameterRow, trialNo: number | null];
/** `name`: the variable assigned, or the function's name; `std`, `n`: arrays of scores (value is their mean). */
export type MetricRow = readonly [runId: string, fn: string, value: number | null, repr: string | null, codeId: number, line: number, tNs: bigint, source: string,
  name: string | null, trialNo: number | null, std: number | null, n: number | null];
/** A loop iteration's or a search candidate's row (issue 11); `params` is a JSON object. */
export type TrialRow = readonly [runId: string, trialNo: number, kind: string, codeId: number, line: number, label: string | null, params: string,
  parentTrial: number | null, meanScore: number | null, stdScore: number | null, rank: number | null, tNs: bigint];
export type DistributionRow = readonly [runId: string, name: string, version: string];
export type EnvironmentRow = readonly [runId: string, name: string, value: string, redacted: boolean];
export type RunContextRow = readonly [runId: string, gitCommit: string | null, gitDirty: boolean | null, gitBranch: string | null, gitRoot: string | null,
  gpu: string | null, platform: string | null];
/** A notebook session's cell execution (issue 12); times in ns on the events' clock, tEndNs null while running. */
export type CellExecutionRow = readonly [runId: string, ordinal: number, executionCount: number | null, cellIndex: number | null, cellId: string | null,
  sourceSha256: string | null, cellFile: string | null, tStartNs: bigint, tEndNs: bigint | null, outcome: string, exceptionType: string | null];
/** The run is an IPython kernel's session. */
export interface NotebookSessionRow {
  readonly path: string | null;
  readonly connectionFile: string | null;
}
/** One stored frame: the exactly-once ledger. */
export type BatchLedgerRow = readonly [runId: string, seq: bigint, events: number, source: string, ingestedAt: string];

export interface SourceFile {
  readonly path: string;
  readonly sha256: string;
  readonly size: bigint;
  readonly content: Uint8Array | null;
}

/** The rows one event batch adds to the run's tables (its events go to event_log through the EventAppender). */
export interface BatchTableRows {
  readonly strings: readonly StringRow[];
  readonly codeObjects: readonly CodeObjectRow[];
  readonly imports: readonly ImportRow[];
  readonly threads: readonly ThreadRow[];
  readonly exceptions: readonly ExceptionRow[];
  readonly fileAccesses: readonly FileAccessRow[];
  readonly variables: readonly VariableRow[];
  readonly hyperparameters: readonly TrialHyperparameterRow[];
  readonly metrics: readonly MetricRow[];
  readonly trials?: readonly TrialRow[];
  readonly sources: readonly SourceFile[];
  readonly functionStats: readonly FunctionStatRow[];
  /** Notebook sessions only: when the kernel was detected or its notebook learnt. */
  readonly notebook?: NotebookSessionRow;
  readonly cellExecutions?: readonly CellExecutionRow[];
  /** Sent once a run, in its first batch. */
  readonly environment?: { distributions: readonly DistributionRow[]; variables: readonly EnvironmentRow[]; context: RunContextRow };
}

/** The runs row of a new run, as its hello describes it (`startedAt`, ISO; `argv` empty when unknown). */
export interface NewRun {
  readonly runId: string;
  readonly parentRunId: string | null;
  /** The parent run's cell execution (ordinal) that started this run (a kernel's child), else null. */
  readonly parentCell: number | null;
  readonly script: string | null;
  readonly scriptSha256: string | null;
  readonly cwd: string | null;
  readonly pid: number;
  readonly ppid: number;
  readonly hostname: string | null;
  readonly os: string | null;
  readonly cpuModel: string | null;
  readonly cpuCount: number;
  readonly memoryBytes: bigint;
  readonly pythonVersion: string | null;
  readonly pythonImplementation: string | null;
  readonly executable: string | null;
  readonly backend: string | null;
  readonly backendReason: string | null;
  readonly projectRoot: string | null;
  readonly agentVersion: string | null;
  readonly monotonicOriginNs: bigint;
  readonly startedAt: string | null;
  readonly argv: readonly string[];
}

/** How a run ended, as its RunEnd frame says (`endedAt`, ISO). */
export interface RunEnding {
  readonly endedAt: string | null;
  readonly exitCode: number;
  readonly endReason: string | null;
  readonly exceptionType: string | null;
  readonly exceptionMessage: string | null;
  readonly eventsRecorded: bigint;
  readonly eventsDropped: bigint;
  readonly batchesSpooled: bigint;
  readonly agentCpuNs: bigint;
  readonly recordNs: bigint;
  readonly recordReduced: bigint;
  readonly status: 'ok' | 'failed';
}

/** One statement: the run row with its new run key (returned) and its argv. */
export async function insertRun(c: DuckDBConnection, run: NewRun): Promise<number> {
  const inserted = await c.runAndReadAll(
    `INSERT INTO runs (run_id, run_key, parent_run_id, script, script_sha256, cwd, pid, ppid, hostname, os, cpu_model,
       cpu_count, memory_bytes, python_version, python_implementation, executable, backend, backend_reason, project_root,
       agent_version, monotonic_origin_ns, started_at, argv, status, last_activity, parent_cell)
     VALUES ($1, nextval('run_key_seq')::INTEGER, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
       $21::TIMESTAMP, from_json($22, '["VARCHAR"]'), 'running', now(), $23)
     RETURNING run_key`,
    [run.runId, run.parentRunId, run.script, run.scriptSha256, run.cwd, run.pid, run.ppid, run.hostname, run.os, run.cpuModel, run.cpuCount,
      run.memoryBytes, run.pythonVersion, run.pythonImplementation, run.executable, run.backend, run.backendReason, run.projectRoot,
      run.agentVersion, run.monotonicOriginNs, run.startedAt, run.argv.length > 0 ? JSON.stringify(run.argv) : null, run.parentCell],
  );
  return Number(inserted.getRows()[0]![0]);
}

export async function applyRunEnd(c: DuckDBConnection, runId: string, end: RunEnding): Promise<void> {
  await c.run(
    `UPDATE runs SET ended_at = $1::TIMESTAMP, exit_code = $2, end_reason = $3, exception_type = $4, exception_message = $5,
       events_recorded = $6, events_dropped = $7, batches_spooled = $8, agent_cpu_ns = $9, status = $10,
       record_ns = $12, record_reduced = $13
     WHERE run_id = $11`,
    [end.endedAt, end.exitCode, end.endReason, end.exceptionType, end.exceptionMessage,
      end.eventsRecorded, end.eventsDropped, end.batchesSpooled, end.agentCpuNs, end.status, runId, end.recordNs, end.recordReduced],
  );
}

/** A batch's rows, table by table (in one transaction with its events). */
export async function writeBatchRows(c: DuckDBConnection, runId: string, rows: BatchTableRows): Promise<void> {
  await appendRows(c, 'strings', rows.strings);
  await appendRows(c, 'code_objects', rows.codeObjects);
  await appendRows(c, 'imports', rows.imports);
  await appendRows(c, 'threads', rows.threads);
  await appendRows(c, 'exceptions', rows.exceptions);
  await appendRows(c, 'file_accesses', rows.fileAccesses);
  await appendRows(c, 'variables', rows.variables);
  await appendRows(c, 'hyperparameters', rows.hyperparameters);
  await appendRows(c, 'metrics', rows.metrics);
  await storeTrials(c, runId, rows.trials ?? []);
  await storeSources(c, runId, rows.sources);
  if (rows.environment) await storeEnvironment(c, rows.environment);
  if (rows.notebook) await markNotebook(c, runId, rows.notebook);
  for (const row of rows.cellExecutions ?? []) await storeCellExecution(c, row);
  // aggregates are re-sent whole: the latest replaces the earlier
  for (const row of rows.functionStats) await c.run('INSERT OR REPLACE INTO function_stats VALUES ($1, $2, $3, $4, $5)', [...row]);
}

/** A trial's row is re-sent while the trial is open (its parameters grow; a killed run keeps its last
 * state): the latest row of a trial replaces the earlier one. */
async function storeTrials(c: DuckDBConnection, runId: string, trials: readonly TrialRow[]): Promise<void> {
  if (trials.length === 0) return;
  const latest = new Map<number, TrialRow>();
  for (const t of trials) latest.set(t[1], t);
  const nos = [...latest.keys()];
  await c.run(`DELETE FROM trials WHERE run_id = $1 AND trial_no IN (${nos.map((_, i) => `$${i + 2}`).join(', ')})`, [runId, ...nos]);
  await appendRows(c, 'trials', [...latest.values()]);
}

/** Sources are content-addressed: a blob is stored once however many runs used it. */
async function storeSources(c: DuckDBConnection, runId: string, sources: readonly SourceFile[]): Promise<void> {
  for (const s of sources) {
    await c.run('INSERT OR IGNORE INTO source_blobs VALUES ($1, $2, $3)', [s.sha256, s.size, s.content ? blobValue(s.content) : null]);
  }
  await appendRows(c, 'run_sources', sources.map((s) => [runId, s.path, s.sha256]));
}

async function storeEnvironment(c: DuckDBConnection, env: NonNullable<BatchTableRows['environment']>): Promise<void> {
  await appendRows(c, 'run_distributions', env.distributions);
  await appendRows(c, 'run_environment', env.variables);
  await c.run('INSERT OR REPLACE INTO run_context VALUES ($1, $2, $3, $4, $5, $6, $7)', [...env.context]);
}

/**
 * The ledger of a group's frames (one append) and the event counts of their runs (one UPDATE for all
 * the group's runs, not one a frame).
 */
export async function writeLedger(c: DuckDBConnection, ledger: readonly BatchLedgerRow[], eventsByRun: readonly (readonly [runId: string, events: number])[]): Promise<void> {
  await appendRows(c, 'batches', ledger);
  if (eventsByRun.length === 0) return;
  const values = eventsByRun.map((_, i) => `($${2 * i + 1}, $${2 * i + 2}::BIGINT)`).join(', ');
  await c.run(
    `UPDATE runs SET events_ingested = events_ingested + v.n, last_activity = now() FROM (VALUES ${values}) v(run_id, n) WHERE runs.run_id = v.run_id`,
    eventsByRun.flatMap(([runId, n]): DuckDBValue[] => [runId, n]),
  );
}

/** What the ingester needs to resume a run this daemon has not seen: its key, status, stored frames and strings. */
export async function loadRunState(c: DuckDBConnection, runId: string): Promise<{ runKey: number; status: string; seqs: number[]; strings: string[] } | undefined> {
  const run = await c.runAndReadAll('SELECT run_key, status FROM runs WHERE run_id = $1', [runId]);
  const row = run.getRows()[0];
  if (!row) return undefined;
  const seqs = await c.runAndReadAll('SELECT seq FROM batches WHERE run_id = $1', [runId]);
  const strings = await c.runAndReadAll('SELECT value FROM strings WHERE run_id = $1 ORDER BY id', [runId]);
  return {
    runKey: Number(row[0]),
    status: String(row[1]),
    seqs: seqs.getRows().map((r) => Number(r[0])),
    strings: strings.getRows().map((r) => String(r[0])),
  };
}

/** What repairHalfCommit found for a run whose ledger and events disagreed. */
export interface HalfCommitRepair {
  readonly ledger_events: number;
  readonly counted_events: number;
  readonly stored_events: number;
  readonly frames_removed: number;
  readonly events_removed: number;
}

/**
 * Checks a run that a failed commit had locked (`seqs`: that commit's frames), after the store was
 * reopened: its ledger (batches' event counts), runs.events_ingested and its event_log rows agree when
 * the commit came back whole or not at all. When they disagree, part of it came back (DuckDB wrote
 * some of its tables' rows): that commit's batches rows are removed (its frames are stored again from
 * their spool files, not skipped as stored), then the run's latest event_log rows beyond what the
 * remaining ledger counts (appended last: highest rowid), and events_ingested is set to the ledger's.
 * Returns the figures it found, or undefined when all agreed. Inside the caller's transaction.
 */
export async function repairHalfCommit(c: DuckDBConnection, runId: string, seqs: readonly number[]): Promise<HalfCommitRepair | undefined> {
  const figures = async (): Promise<[runKey: number, counted: number, ledger: number, stored: number] | undefined> => {
    const row = (await c.runAndReadAll(
      `SELECT r.run_key, r.events_ingested, (SELECT coalesce(sum(events), 0) FROM batches WHERE run_id = $1),
         (SELECT count(*) FROM event_log e WHERE e.run_key = r.run_key)
       FROM runs r WHERE r.run_id = $1`,
      [runId],
    )).getRows()[0];
    return row ? [Number(row[0]), Number(row[1]), Number(row[2]), Number(row[3])] : undefined;
  };
  const before = await figures();
  if (!before) return undefined;
  const [runKey, counted, ledger, stored] = before;
  if (ledger === counted && stored === ledger) return undefined;
  let framesRemoved = 0;
  if (seqs.length > 0) {
    const list = seqs.map((_, i) => `$${i + 2}`).join(', ');
    const removed = await c.runAndReadAll(`DELETE FROM batches WHERE run_id = $1 AND seq IN (${list}) RETURNING seq`, [runId, ...seqs.map((s) => BigInt(s))]);
    framesRemoved = removed.getRows().length;
  }
  const kept = Number((await c.runAndReadAll('SELECT coalesce(sum(events), 0) FROM batches WHERE run_id = $1', [runId])).getRows()[0]![0]);
  let eventsRemoved = 0;
  if (stored > kept) {
    await c.run(
      `DELETE FROM event_log WHERE rowid IN (SELECT rowid FROM event_log WHERE run_key = $1 ORDER BY rowid OFFSET $2)`,
      [runKey, BigInt(kept)],
    );
    eventsRemoved = stored - kept;
  }
  await c.run('UPDATE runs SET events_ingested = $2 WHERE run_id = $1', [runId, BigInt(kept)]);
  return { ledger_events: ledger, counted_events: counted, stored_events: stored, frames_removed: framesRemoved, events_removed: eventsRemoved };
}

/** A module-level constant that correlation found configuring training, tuning or a split: a parameter. */
export interface VariableParameter {
  readonly file: string;
  readonly line: number;
  readonly name: string;
}

/** Names of plain variables that may hold a metric (issue 11; a regexp over the lower-cased name). */
const METRIC_NAME_SQL = `regexp_matches(lower(v.name), '(acc|score|loss|err|mse|mae|rmse|r2|auc|f1|precision|recall|metric|mape|logloss|likelihood|silhouette|perplexity|bleu|rouge)')`;

/**
 * Correlation's rows of the record tables (analytics/correlate): literal hyperparameters read from the
 * code replace the run's earlier ones, plain-variable parameters take the value their variable had at
 * run time (source 'variable'; none when the variable was not recorded as a number), and numbers
 * assigned by model-evaluation statements become metrics (source 'variable'). Runs inside the caller's
 * transaction, after statement_phases is written.
 */
export async function replaceDerivedRecord(c: DuckDBConnection, runId: string, literalParameters: readonly HyperparameterRow[], variableParameters: readonly VariableParameter[] = [],
  nestedMetrics: readonly VariableParameter[] = []): Promise<void> {
  await c.run(`DELETE FROM hyperparameters WHERE run_id = $1 AND source IN ('literal', 'variable')`, [runId]);
  await c.run(`DELETE FROM metrics WHERE run_id = $1 AND source = 'variable'`, [runId]);
  await appendRows(c, 'hyperparameters', literalParameters.map((r): TrialHyperparameterRow => [...r, null]));
  for (const p of variableParameters) {
    await c.run(
      `INSERT INTO hyperparameters (run_id, estimator, object_id, name, value, type, is_default, code_id, line, t_ns, source)
       SELECT v.run_id, NULL, 0, v.name, v.value, v.type, false, v.code_id, v.line, v.t_ns, 'variable'
       FROM variables v JOIN code_objects c ON c.run_id = v.run_id AND c.code_id = v.code_id
       WHERE v.run_id = $1 AND c.file = $2 AND v.line = $3 AND v.name = $4 AND v.number IS NOT NULL
       ORDER BY v.t_ns LIMIT 1`,
      [runId, p.file, p.line, p.name],
    );
  }
  await c.run(
    `INSERT INTO metrics (run_id, function, value, repr, code_id, line, t_ns, source, name)
     SELECT v.run_id, v.name, v.number, v.value, v.code_id, v.line, v.t_ns, 'variable', v.name
     FROM variables v JOIN code_objects c ON c.run_id = v.run_id AND c.code_id = v.code_id
     JOIN statement_phases s ON s.run_id = v.run_id AND s.file = c.file AND v.line BETWEEN s.start_line AND s.end_line AND s.top_level
     WHERE v.run_id = $1 AND v.number IS NOT NULL AND s.phase = 'model_evaluation'
       -- a metric, not a loop counter (i = 499): a float named in the metric vocabulary (issue 11),
       -- and not one the agent recorded already from the metric function's return
       AND v.type LIKE '%float%' AND ${METRIC_NAME_SQL}
       AND NOT EXISTS (SELECT 1 FROM metrics m WHERE m.run_id = v.run_id AND m.source = 'return' AND m.name = v.name)`,
    [runId],
  );
  // the same, for a name a model-evaluation statement nested in a module-level if/for/with assigns
  // (the variable is recorded at the compound statement's first line)
  for (const m of nestedMetrics) {
    await c.run(
      `INSERT INTO metrics (run_id, function, value, repr, code_id, line, t_ns, source, name)
       SELECT v.run_id, v.name, v.number, v.value, v.code_id, v.line, v.t_ns, 'variable', v.name
       FROM variables v JOIN code_objects c ON c.run_id = v.run_id AND c.code_id = v.code_id
       WHERE v.run_id = $1 AND c.file = $2 AND v.line = $3 AND v.name = $4 AND v.number IS NOT NULL
         AND v.type LIKE '%float%' AND ${METRIC_NAME_SQL}
         AND NOT EXISTS (SELECT 1 FROM metrics m WHERE m.run_id = v.run_id AND m.name = v.name AND (m.source = 'return' OR m.line = v.line))
       ORDER BY v.t_ns DESC LIMIT 1`,
      [runId, m.file, m.line, m.name],
    );
  }
}

async function markNotebook(c: DuckDBConnection, runId: string, nb: NotebookSessionRow): Promise<void> {
  await c.run(
    `UPDATE runs SET kind = 'notebook', notebook_path = coalesce($2, notebook_path), kernel_connection_file = coalesce($3, kernel_connection_file)
     WHERE run_id = $1`,
    [runId, nb.path, nb.connectionFile],
  );
}

/** The execution's latest state replaces the earlier one; wall-clock times from the run's start. */
async function storeCellExecution(c: DuckDBConnection, row: CellExecutionRow): Promise<void> {
  await c.run(
    `INSERT OR REPLACE INTO cell_executions
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9,
       r.started_at + to_microseconds(($8 / 1000)::BIGINT),
       CASE WHEN $9 IS NULL THEN NULL ELSE r.started_at + to_microseconds(($9 / 1000)::BIGINT) END,
       CASE WHEN $9 IS NULL THEN NULL ELSE ($9 - $8) / 1e9 END,
       $10, $11
     FROM (SELECT max(started_at) AS started_at FROM runs WHERE run_id = $1) r`,
    [...row],
  );
}
