/**
 * The phase labeller, a pipeline of small stages (issue 13):
 *   parse (ir.ts, tree-sitter, cached by chunk)
 *   → scopes and definitions (labeller/model.ts: Scope, UserFn, UserClass; labeller/statement.ts)
 *   → type and dataflow inference (labeller/expr.ts, labeller/values.ts, labeller/names.ts)
 *   → call resolution to library APIs, user functions and user modules (labeller/call.ts, labeller/user-imports.ts, modules.ts)
 *   → interprocedural summaries (labeller/summaries.ts)
 *   → labelling from the knowledge base (labeller/kb-labels.ts, analytics/knowledge/*.json) and structural rules
 *     (labeller/assign.ts, labeller/targets.ts, labeller/block.ts, rules/*.ts)
 *   → per-statement and per-cell output (labeller/finish.ts, labeller/signals.ts).
 * The stages are functions of an Engine (labeller/engine.ts); the Analyzer below is that engine, delegating
 * each operation to its stage, so that stages never import each other.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { Expr, Param, Stmt, ParseStats } from './ir.js';
import { parseChunks } from './ir.js';
import type { KnowledgeBase, Spec } from './knowledge.js';
import { getKnowledgeBase } from './knowledge.js';
import type { SourceUnit } from './notebook.js';
import type { Phase } from './phases.js';
import { searchRoots, type ModuleDeps, type ModuleLocation } from './modules.js';
import type { FileAnalysis } from './labeller/results.js';
import type { Ctx, Rec, Scope, StmtMemo, UserClass, UserFn, UserModule, Val } from './labeller/model.js';
import { AnalyzerState, type Engine } from './labeller/engine.js';
import { summariesFor } from './labeller/user-imports.js';
import * as topLevelStage from './labeller/top-level.js';
import * as statementStage from './labeller/statement.js';
import * as userImports from './labeller/user-imports.js';
import * as summaries from './labeller/summaries.js';
import * as assignStage from './labeller/assign.js';
import * as targets from './labeller/targets.js';
import * as blockStage from './labeller/block.js';
import * as exprStage from './labeller/expr.js';
import * as callStage from './labeller/call.js';
import * as kbLabels from './labeller/kb-labels.js';
import * as finishStage from './labeller/finish.js';

export type { StatementResult, FunctionResult, LiteralValue, ParameterResult, AnalysisDetail, FileAnalysis } from './labeller/results.js';
export { exprText } from './labeller/expr-utils.js';

export interface AnalyzeOptions {
  kb?: KnowledgeBase;
  /** resolve imports of the user's own modules next to `file` (default true) */
  modules?: boolean;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Analyses the code units of a file (a script's one unit, or a notebook's code cells in order). */
export function analyzeUnits(units: SourceUnit[], file: string, sha: string, opts: AnalyzeOptions = {}): FileAnalysis {
  const t0 = performance.now();
  const kb = opts.kb ?? getKnowledgeBase();
  const path = opts.modules === false ? null : resolve(file);
  const deps: ModuleDeps = new Map();
  const a = new Analyzer(kb, path ? searchRoots(dirname(path)) : null, deps);
  const stats: ParseStats = { chunks: 0, parsed: 0 };
  const res = summariesFor(kb).within(path && /\.pyw?$/.test(path) ? path : null, () => {
    for (const u of units) {
      for (const m of u.magics) a.magic(m.text, m.line, u.cell);
      const chunks = parseChunks(u.source, stats);
      for (const ch of chunks) {
        a.syntaxErrors += ch.errors;
        for (const s of ch.stmts) a.topLevel(s, u.cell, ch.line);
      }
    }
    return a.finish(file, sha);
  });
  res.detail = {
    modules: [...deps].map(([p, h]) => ({ path: p, sha256: h })),
    syntax_errors: a.syntaxErrors,
    function_cells: a.functionCells,
    chunks: stats.chunks,
    parsed_chunks: stats.parsed,
    elapsed_ms: performance.now() - t0,
  };
  return res;
}

/** The functions, classes and modules bound at the top level of one of the user's modules. */
function summarizeModule(kb: KnowledgeBase, path: string, text: string, deps: ModuleDeps): Map<string, Val> {
  const a = new Analyzer(kb, searchRoots(dirname(path)), deps);
  for (const ch of parseChunks(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))) for (const s of ch.stmts) a.topLevel(s, null, ch.line);
  a.finish(path, '');
  for (const uf of a.fns) uf.external = true;
  const members = new Map<string, Val>();
  for (const [k, v] of a.global.vars) if (v.fn || v.ucls || v.umod) members.set(k, v);
  return members;
}

/** The engine: the analysis state, each operation delegated to its stage. */
class Analyzer extends AnalyzerState implements Engine {
  // top-level.ts
  magic(text: string, line: number, cell: number | null): void { topLevelStage.magic(this, text, line, cell); }
  topLevel(s: Stmt, cell: number | null, offset: number): void { topLevelStage.topLevel(this, s, cell, offset); }
  starsKey(): string { return topLevelStage.starsKey(this); }
  readsHold(m: StmtMemo): boolean { return topLevelStage.readsHold(this, m); }
  replay(m: StmtMemo, s: Stmt, cell: number | null, offset: number): void { topLevelStage.replay(this, m, s, cell, offset); }
  newCtx(scope: Scope, fn: UserFn | null, line: number, cell: number | null, offset: number, loopVars: Set<string>): Ctx { return topLevelStage.newCtx(this, scope, fn, line, cell, offset, loopVars); }
  // statement.ts
  statement(s: Stmt, scope: Scope, fn: UserFn | null, cell: number | null, offset: number, loopVars: Set<string>): Rec | null { return statementStage.statement(this, s, scope, fn, cell, offset, loopVars); }
  // user-imports.ts
  isLibrary(dotted: string): boolean { return userImports.isLibrary(this, dotted); }
  localImport(qual: string, alias: string): Val | null { return userImports.localImport(this, qual, alias); }
  moduleVal(dotted: string, at?: ModuleLocation | null): Val | null { return userImports.moduleVal(this, dotted, at); }
  memberOf(um: UserModule, name: string): Val | null { return userImports.memberOf(this, um, name); }
  // summaries.ts
  defineFunction(name: string, params: Param[], body: Stmt[], scope: Scope, cell: number | null, offset: number, start: number, end: number, cls: UserClass | null): UserFn { return summaries.defineFunction(this, name, params, body, scope, cell, offset, start, end, cls); }
  summarize(uf: UserFn): void { summaries.summarize(this, uf); }
  classPhases(uc: UserClass): [Phase, number][] { return summaries.classPhases(this, uc); }
  keepUserPrimary(fname: string, ctx: Ctx): void { summaries.keepUserPrimary(this, fname, ctx); }
  // assign.ts
  assign(targets: Expr[], value: Expr | null, op: string | null, ctx: Ctx, rec: Rec): void { assignStage.assign(this, targets, value, op, ctx, rec); }
  onlyScoresRead(names: Set<string>, ctx: Ctx): boolean { return assignStage.onlyScoresRead(this, names, ctx); }
  isPrealloc(value: Expr): boolean { return assignStage.isPrealloc(this, value); }
  // targets.ts
  bind(t: Expr, value: Expr | null, v: Val, origin: Phase | null, ctx: Ctx): void { targets.bind(this, t, value, v, origin, ctx); }
  subscriptTarget(t: Extract<Expr, { k: 'sub' }>, value: Expr | null, ctx: Ctx, strong: boolean): void { targets.subscriptTarget(this, t, value, ctx, strong); }
  // block.ts
  unknownCallFallback(ctx: Ctx, target: string | null): void { blockStage.unknownCallFallback(this, ctx, target); }
  block(kind: string, heads: Expr[], targets: Expr[], body: Stmt[], ctx: Ctx, rec: Rec, loopVars: Set<string>): void { blockStage.block(this, kind, heads, targets, body, ctx, rec, loopVars); }
  // expr.ts
  isSizeOfData(e: Expr, ctx: Ctx): boolean { return exprStage.isSizeOfData(this, e, ctx); }
  displayOf(v: Val, e: Expr, ctx: Ctx, what: string): void { exprStage.displayOf(this, v, e, ctx, what); }
  expr(e: Expr, ctx: Ctx, mult: number, top: boolean): Val { return exprStage.expr(this, e, ctx, mult, top); }
  // call.ts
  call(e: Extract<Expr, { k: 'call' }>, ctx: Ctx, mult: number, top: boolean): Val { return callStage.call(this, e, ctx, mult, top); }
  // kb-labels.ts
  result(spec: Spec, recv: Val | null, args: Val[], q: string | null): Val { return kbLabels.result(this, spec, recv, args, q); }
  emit(spec: Spec, name: string, ctx: Ctx, mult: number, args: Val[], recv: Val | null): void { kbLabels.emit(this, spec, name, ctx, mult, args, recv); }
  collectParams(e: Extract<Expr, { k: 'call' }>, args: Val[], kw: [string, Val][], callee: string, user: UserFn | null, ctx: Ctx): void { kbLabels.collectParams(this, e, args, kw, callee, user, ctx); }
  // finish.ts
  finish(file: string, sha: string): FileAnalysis { return finishStage.finish(this, file, sha); }
  resolvePlots(all: Rec[]): void { finishStage.resolvePlots(this, all); }
  moduleMembers(path: string, text: string, deps: ModuleDeps): Map<string, Val> {
    return summarizeModule(this.kb, path, text, deps);
  }
}
