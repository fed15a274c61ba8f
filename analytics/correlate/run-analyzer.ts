/**
 * Correlates one run: analyses the exact source that ran (stored content-addressed), refines the
 * static labels with what was called at run time, builds the phase timeline and statement times,
 * and derives literal parameters and evaluation-phase metrics. Idempotent: re-running replaces rows.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { appendRows } from '../../daemon/store/store.js';
import { replaceDerivedRecord, type HyperparameterRow, type VariableParameter } from '../../daemon/store/run-writes.js';
import type { RunCorrelator } from '../../daemon/runs/analysis-queue.js';
import { CORRELATION_DDL } from './schema.js';
import { TimelineBuilder, type LabelledStatement, type Timeline } from './timeline.js';
import { blockUnits, flattenCompounds, topLevelStatements } from './compound-blocks.js';
import { workOfCode, type CodeWork, type FunctionPhases } from './work-phases.js';

/** The subset of the static analysis (analytics/static) that correlation uses. */
export interface StaticStatement {
  start_line: number;
  end_line: number;
  phases: string[];
  evidence: string[];
  confidence: number;
}
export interface StaticAnalysis {
  statements: StaticStatement[];
  functions: { name: string; start_line: number; end_line: number; phases: string[] }[];
  parameters: { name: string | null; value: unknown; line: number; call: string | null }[];
}
export type Analyzer = (source: string, file: string) => StaticAnalysis;
/** Phases a callee observed at run time belongs to (module + qualified name), if the knowledge base knows it. */
export type RuntimePhases = (module: string, qualname: string) => string[];

const RUNTIME_OVERRIDABLE = new Set(['other', 'setup', 'data_exploration']);

export class RunAnalyzer implements RunCorrelator {
  private ready = false;

  constructor(private readonly c: DuckDBConnection, private readonly analyze: Analyzer, private readonly runtimePhases: RuntimePhases) {}

  async ensureSchema(): Promise<void> {
    if (this.ready) return;
    for (const ddl of CORRELATION_DDL) await this.c.run(ddl);
    this.ready = true;
  }

  async uncorrelatedRuns(): Promise<string[]> {
    await this.ensureSchema();
    const reader = await this.c.runAndReadAll(
      `SELECT run_id FROM runs WHERE status <> 'running' AND run_id NOT IN (SELECT run_id FROM run_analysis) ORDER BY started_at`,
    );
    return reader.getRows().map(([runId]) => String(runId));
  }

  async analyzeRun(runId: string): Promise<{ files: number; intervals: number }> {
    await this.ensureSchema();
    const sources = await this.userSources(runId);
    const labelled: LabelledStatement[] = [];
    const functionsByFile = new Map<string, FunctionPhases[]>();
    const statementRows: DuckDBValue[][] = [];
    const functionRows: DuckDBValue[][] = [];
    const literalParams: HyperparameterRow[] = [];
    const variableParams: VariableParameter[] = [];
    const nestedMetrics: VariableParameter[] = [];
    const problems: string[] = [];
    const runtime = await this.runtimeCallees(runId);
    for (const { path, source } of sources) {
      let analysis: StaticAnalysis;
      try {
        analysis = this.analyze(source, path);
      } catch (err) {
        problems.push(`${path}: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      const topLevel = topLevelStatements(analysis.statements);
      const lines = source.split('\n');
      const units: LabelledStatement[] = [];
      for (const s of analysis.statements) {
        const isTop = topLevel.has(s);
        let phases = s.phases.length > 0 ? s.phases : ['other'];
        let evidence = s.evidence;
        let refined = false;
        // What actually ran beats what the text suggested, where the text was unsure.
        const observed = isTop && !isDefinition(lines, s.start_line) ? runtimeInRange(runtime, path, s) : undefined;
        if (observed && observed.phases.length > 0 && (RUNTIME_OVERRIDABLE.has(phases[0]!) || s.confidence < 0.5) && !phases.includes(observed.phases[0]!)) {
          phases = [observed.phases[0]!, ...phases.filter((p) => p !== 'other')];
          evidence = [`runtime: ${observed.callee} -> ${observed.phases[0]}`, ...evidence];
          refined = true;
        }
        statementRows.push([runId, path, s.start_line, s.end_line, isTop, phases[0]!, JSON.stringify(phases), JSON.stringify(evidence), s.confidence, refined]);
        if (isTop) units.push({ file: path, startLine: s.start_line, endLine: s.end_line, phase: phases[0]! });
        const name = isTop ? constantParameter(evidence) : undefined;
        if (name) variableParams.push({ file: path, line: s.start_line, name });
      }
      const flat = flattenCompounds(source, [...topLevel]);
      const flatStatements = flat ? this.analyzeFlattened(flat.text, path) : [];
      nestedMetrics.push(...nestedEvaluations(source, path, flat, flatStatements));
      labelled.push(...blockUnits(source, units, flat, flatStatements));
      functionsByFile.set(path, analysis.functions);
      for (const f of analysis.functions) functionRows.push([runId, path, f.name, f.start_line, f.end_line, JSON.stringify(f.phases)]);
      for (const p of analysis.parameters) {
        if (p.value === null || p.value === undefined || typeof p.value === 'object') continue;
        literalParams.push([runId, p.call ?? null, 0n, p.name ?? `arg@${p.line}`, String(p.value), typeof p.value === 'number' ? (Number.isInteger(p.value) ? 'int' : 'float') : 'str', false, 0, p.line, 0n, 'literal']);
      }
    }
    const timeline = await this.timeline(runId, labelled, functionsByFile);

    await this.c.run('BEGIN TRANSACTION');
    try {
      for (const table of ['statement_phases', 'function_phases', 'phase_intervals', 'statement_times', 'run_analysis']) {
        await this.c.run(`DELETE FROM ${table} WHERE run_id = $1`, [runId]);
      }
      await appendRows(this.c, 'statement_phases', statementRows);
      await appendRows(this.c, 'function_phases', functionRows);
      await appendRows(this.c, 'phase_intervals', timeline.intervals.map((i, n) => [runId, n, i.phase, i.file, BigInt(i.startNs), BigInt(i.endNs), i.firstLine, i.lastLine]));
      await appendRows(this.c, 'statement_times', timeline.statements.map((s) => [runId, s.file, s.startLine, s.endLine, s.phase, BigInt(s.firstStart), BigInt(s.totalNs), s.executions]));
      // Literal and plain-variable parameters, and numbers assigned by evaluation statements as metrics: the store writes those tables.
      await replaceDerivedRecord(this.c, runId, literalParams, variableParams, nestedMetrics);
      await this.c.run(`INSERT INTO run_analysis VALUES ($1, now(), $2, $3, $4)`, [runId, sources.length, problems.length ? 'partial' : 'ok', problems.join('; ') || null]);
      await this.c.run('COMMIT');
    } catch (err) {
      await this.c.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
    return { files: sources.length, intervals: timeline.intervals.length };
  }

  /** The flattened source's statements (compound-blocks.ts), or none when it does not analyse. */
  private analyzeFlattened(text: string, path: string): StaticStatement[] {
    try {
      return this.analyze(text, path).statements;
    } catch {
      return [];
    }
  }

  /** Source of every user file of the run: the stored blob, else the file on disk if it still hashes the same. */
  private async userSources(runId: string): Promise<{ path: string; source: string }[]> {
    const reader = await this.c.runAndReadAll(
      // UNION already makes (path, sha256) distinct and sha256 is the blobs' key: no DISTINCT over the contents.
      `SELECT f.path, f.sha256, b.content FROM (
         SELECT path, sha256 FROM run_sources WHERE run_id = $1
         UNION SELECT script, script_sha256 FROM runs WHERE run_id = $1 AND script IS NOT NULL
       ) f LEFT JOIN source_blobs b ON b.sha256 = f.sha256`,
      [runId],
    );
    const out = new Map<string, string>();
    for (const [path, sha, content] of reader.getRowsJS() as [string, string | null, Uint8Array | null][]) {
      if (out.has(path)) continue;
      if (content) out.set(path, Buffer.from(content).toString('utf8'));
      else {
        const disk = await readFile(path).catch(() => undefined);
        if (disk && (!sha || createHash('sha256').update(disk).digest('hex') === sha)) out.set(path, disk.toString('utf8'));
      }
    }
    return [...out.entries()].map(([path, source]) => ({ path, source }));
  }

  /**
   * The run's phase timeline and statement times from its module-level statement executions (thread 0),
   * streamed from the store in time order one DuckDB chunk (2,048 rows) at a time into a TimelineBuilder:
   * a big run has hundreds of thousands of them, and reading them all into JS at once (values, then one
   * object each) took the daemon's RSS up by ~150 MB per million-event run.
   */
  private async timeline(runId: string, labelled: readonly LabelledStatement[], functionsByFile: ReadonlyMap<string, readonly FunctionPhases[]>): Promise<Timeline> {
    // Code ids, not file names, per statement: converting a file string per statement was most of the
    // read. Joined to code_objects here as SQL would (a code id without a code object drops the
    // statement, a duplicated code object repeats it).
    const code = await this.c.runAndReadAll(`SELECT code_id, file, qualname, first_line, is_user, module FROM code_objects WHERE run_id = $1`, [runId]);
    const files = new Map<number, string[]>();
    const work = new Map<number, CodeWork>();
    for (const [id, file, qualname, firstLine, isUser, module] of code.getRowsJS() as [number, string | null, string | null, number | null, boolean | null, string | null][]) {
      const codeId = Number(id);
      if (file !== null) {
        const list = files.get(codeId);
        if (list) list.push(file);
        else files.set(codeId, [file]);
      }
      const w = workOfCode({ codeId, file, qualname, firstLine: firstLine === null ? null : Number(firstLine), isUser: isUser === true, module }, functionsByFile, this.runtimePhases);
      if (w) work.set(codeId, w);
    }
    const endNs = await this.endNs(runId);
    const builder = new TimelineBuilder(labelled);
    // t_ns as DOUBLE: the same rounding as Number(bigint), without a BigInt per row. Besides the
    // module-level statements (kind 3): user function calls and returns (1, 2, 5) and library calls (4)
    // the phases of the work inside statements come from.
    const result = await this.c.stream(
      `SELECT e.kind, e.code_id, e.line, e.t_ns::DOUBLE, e.duration_ns::DOUBLE FROM event_log e JOIN runs r ON r.run_key = e.run_key
       WHERE r.run_id = $1 AND e.thread = 0 AND e.kind IN (1, 2, 3, 4, 5) ORDER BY e.t_ns`,
      [runId],
    );
    this.chunksRead = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      this.chunksRead++;
      const kinds = chunk.getColumnVector(0);
      const codeIds = chunk.getColumnVector(1);
      const lines = chunk.getColumnVector(2);
      const times = chunk.getColumnVector(3);
      const durations = chunk.getColumnVector(4);
      for (let i = 0; i < chunk.rowCount; i++) {
        const kind = Number(kinds.getItem(i));
        const codeId = Number(codeIds.getItem(i));
        const t = Number(times.getItem(i));
        if (kind === 3) {
          const list = files.get(codeId);
          if (!list) continue;
          const line = Number(lines.getItem(i));
          for (const file of list) builder.add(file, line, t);
          continue;
        }
        const w = work.get(codeId);
        if (!w) continue;
        if (w.kind === 'library') {
          if (kind === 4) builder.enterLibraryCall(w.phase, t, t + Number(durations.getItem(i)));
        } else if (kind === 1) builder.enter(w.phase, t);
        else builder.leave(t);
      }
    }
    return builder.finish(endNs);
  }

  /** Chunks of statement executions the last timeline read (a run's statements are never read at once). */
  chunksRead = 0;

  /**
   * The script's module code returning ends its last statement; interpreter shutdown is not part of it.
   * Without that return (an exception, sys.exit), the last thing that ran: an event's time, or a library
   * call's start plus its duration (RETURN and EXCEPTION events are stamped when the frame ends, their
   * duration is the frame's whole life: adding it counted the run twice). Never past the run's wall time.
   */
  private async endNs(runId: string): Promise<number> {
    const end = await this.c.runAndReadAll(
      `SELECT (SELECT max(e.t_ns) FROM event_log e JOIN code_objects c ON c.run_id = r.run_id AND c.code_id = e.code_id
                WHERE e.run_key = r.run_key AND e.kind = 2 AND c.qualname = '<module>' AND c.file = r.script),
              epoch_ns(ended_at) - epoch_ns(started_at),
              (SELECT max(t_ns + CASE WHEN kind = 4 THEN duration_ns ELSE 0 END) FROM event_log e WHERE e.run_key = r.run_key)
       FROM runs r WHERE run_id = $1`,
      [runId],
    );
    const [moduleReturn, wall, lastEvent] = (end.getRowsJS()[0] ?? [null, null, null]) as (bigint | null)[];
    const known = (v: bigint | null | undefined): v is bigint => v !== null && v !== undefined;
    const ran = known(moduleReturn) ? Number(moduleReturn) : Math.max(known(wall) ? Number(wall) : 0, known(lastEvent) ? Number(lastEvent) : 0);
    return known(wall) && Number(wall) > 0 ? Math.min(ran, Number(wall)) : ran;
  }

  /** Library callees per (file, call line) of module-level code, with the phase the knowledge base gives them. */
  private async runtimeCallees(runId: string): Promise<Map<string, { line: number; file: string; callee: string; phases: string[] }>> {
    const rows = await this.c.runAndReadAll(
      `SELECT DISTINCT caller.file, e.line, callee.module, callee.qualname
       FROM event_log e JOIN runs r ON r.run_key = e.run_key
       JOIN code_objects callee ON callee.run_id = r.run_id AND callee.code_id = e.code_id
       JOIN code_objects caller ON caller.run_id = r.run_id AND caller.code_id = e.caller_id
       WHERE r.run_id = $1 AND e.kind = 4`,
      [runId],
    );
    const out = new Map<string, { line: number; file: string; callee: string; phases: string[] }>();
    for (const [file, line, module, qualname] of rows.getRowsJS() as [string, number, string, string][]) {
      const phases = this.runtimePhases(module ?? '', qualname ?? '');
      if (phases.length === 0) continue;
      out.set(`line:${file}:${line}`, { line: Number(line), file, callee: `${module}.${qualname}`, phases });
    }
    return out;
  }
}

/**
 * Plain-variable parameters: a module-level constant (`LEARNING_RATE = 0.05`, `TRAIN_SHARE = 0.75`) is a
 * parameter when the static analysis traced its name (def-use) into a training or tuning call (a
 * model, a hand-written fit, an epoch count) or a split point (`int(len(rows) * TRAIN_SHARE)`). Its
 * value is the one recorded at run time. Loop counters and accumulators never qualify: they are not
 * module-level constants passed to those statements.
 */
// (a named constant's evidence says so in parentheses: 'EPOCHS (a named setting) configures a training call -> other')
const PARAMETER_EVIDENCE = /^def-use: ([A-Za-z_]\w*)(?: \([^)]*\))? (?:configures a (?:training|tuning) call|sets a split point|bounds a training loop) -> /;

function constantParameter(evidence: readonly string[]): string | undefined {
  for (const e of evidence) {
    const m = PARAMETER_EVIDENCE.exec(e);
    if (m) return m[1];
  }
  return undefined;
}

type RuntimeMap = Map<string, { line: number; file: string; callee: string; phases: string[] }>;

function runtimeInRange(runtime: RuntimeMap, file: string, s: StaticStatement): { callee: string; phases: string[] } | undefined {
  for (let line = s.start_line; line <= s.end_line; line++) {
    const hit = runtime.get(`line:${file}:${line}`);
    if (hit) return hit;
  }
  return undefined;
}

/** Definitions run once and take no time; calls inside their bodies belong to the function, not to them. */
function isDefinition(lines: readonly string[], line: number): boolean {
  return /^\s*(def |async def |class |@)/.test(lines[line - 1] ?? '');
}

/** `name = ...` / `name: T = ...` / `name += ...` at a statement's first line: the plain name it assigns. */
const ASSIGNED_NAME = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=]+)?(?:[-+*\/]|\*\*|\/\/)?=(?!=)/;

/**
 * Names assigned by model-evaluation statements nested in module-level compound statements (an
 * if/else, for, while, with or try at column 0: make demo's `error = ...` in both branches of an
 * if/else), keyed by the compound statement's first line, where the agent records the variables it
 * assigns. The static analysis labels a module-level compound statement as a whole; its bodies are
 * analysed statement by statement in the flattened source (compound-blocks.ts flattenCompounds).
 */
function nestedEvaluations(source: string, path: string, flat: { compounds: readonly StaticStatement[] } | null,
  flatStatements: readonly StaticStatement[]): VariableParameter[] {
  if (!flat) return [];
  const lines = source.split('\n');
  const out: VariableParameter[] = [];
  for (const s of flatStatements) {
    const compound = flat.compounds.find((c) => s.start_line > c.start_line && s.end_line <= c.end_line);
    if (!compound || s.phases[0] !== 'model_evaluation') continue;
    const name = ASSIGNED_NAME.exec(lines[s.start_line - 1] ?? '')?.[1];
    if (name) out.push({ file: path, line: compound.start_line, name });
  }
  return out;
}
