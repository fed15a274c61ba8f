/**
 * The analyser's state and the operations its stages call on each other. Each stage (top-level.ts, statement.ts,
 * assign.ts, expr.ts, call.ts, ...) is a set of functions of an `Engine`; analyzer.ts's Analyzer implements it by
 * delegating to them, so that stages never import each other (no import cycles) and each can be read alone.
 */
import type { Expr, Param, Stmt } from '../ir.js';
import type { KnowledgeBase, Spec } from '../knowledge.js';
import type { Phase } from '../phases.js';
import type { ModuleDeps, ModuleLocation } from '../modules.js';
import type { ParameterResult, FileAnalysis } from './results.js';
import type { CleanInputDef } from '../rules/clean-inputs.js';
import type { GradientHelperState } from '../rules/gradient-helpers.js';
import type { UsedForDef } from '../rules/used-for.js';
import type { ExplorationFrame } from '../rules/exploration-frames.js';
import { Scope, type Signal, type Val, type UserModule, type Rec, type UserFn, type UserClass, type StmtMemo, type Ctx } from './model.js';


/** A statement binding values that may only be drawn: whether a later statement drew them, or used them otherwise. */
export interface PlotOnlyDef {
  rec: Rec;
  drawn: boolean;
  spoiled: boolean;
  /** a later statement only showed them (print(x.shape), `xb.shape, yb.shape`) */
  shown: boolean;
  /** the statements that used them otherwise (a value derived from them, itself perhaps only drawn) */
  spoilers: Rec[];
  /** a part of a figure (layout = dict(title=...), data = [trace1, trace2]): drawn or nothing (rules/figure-specs.ts) */
  spec: boolean;
  /** the same values re-shaped into the same name (img = img.reshape(28, 28)): that def's uses decide (rules/plot-only.ts) */
  via?: PlotOnlyDef;
}

/** Everything an analysis accumulates while it walks a file. */
export class AnalyzerState {
  readonly global = new Scope(null);
  readonly records: Rec[] = [];
  readonly fns: UserFn[] = [];
  readonly params: ParameterResult[] = [];
  readonly stars: string[] = [];
  readonly functionCells: (number | null)[] = [];
  syntaxErrors = 0;
  seq = 0;
  trained = false;
  lastValueTaint = 0;
  /** the last assigned value is a summary of data (value_counts, describe) */
  lastValueSum = false;
  parentMutated: Set<string> | null = null;
  readonly constDefs = new Map<string, Rec>();
  /** settings named in capitals (EPOCHS = 25): other whatever training call reads them (rules/named-constants.ts) */
  readonly namedConstants = new Set<string>();
  /** columns created as a constant (df['IsAlone'] = 0): set where a condition holds they are flags (rules/flag-columns.ts) */
  readonly constantColumns = new Set<string>();
  /** top-level dicts of constants -> the names they give as values (a search space's candidates: rules/search-space.ts) */
  readonly spaceMembers = new Map<string, string[]>();
  /** columns label-named values were taken from (y_train = train.SalePrice.values): rules/label-columns.ts */
  readonly labelColumns = new Set<string>();
  /** names of top-level literal lists of strings (candidate column-name lists) */
  readonly columnLists = new Set<string>();
  /** names bound to columns that vary too little to be features (rules/uninformative-columns.ts) */
  readonly uninformativeLists = new Set<string>();
  /** names bound to a feature selector or to what it produced (rules/feature-selection.ts) */
  readonly selectionOutputs = new Set<string>();
  /** correlation matrices not yet used otherwise, with the statements that made them (rules/feature-selection.ts) */
  readonly correlationChains = new Map<string, Rec[]>();
  /** labels picked from an evaluation's table, with the statements that picked and showed them (rules/feature-selection.ts) */
  readonly importancePicks = new Map<string, Rec[]>();
  /** string keys seen subscripting data so far (df['Outlet_Size'], df.loc[mask, 'Item_Weight']): known column names */
  readonly seenColumns = new Set<string>();
  /** columns new features were derived from (df['hour'] = df['Time'] // 3600): dropping them ends the feature (rules/feature-sources.ts) */
  readonly featureSources = new Set<string>();
  /** columns made by statements labelled feature_engineering (df['Title'] = df['Name'].str.extract(...)) */
  readonly featureColumns = new Set<string>();
  /** top-level names bound by loading statements, until rebound (rules/loaded-parts.ts) */
  readonly loadedNames = new Set<string>();
  /** literal constants updated in place (losses.append(...), correct += ...) by the statement being analysed */
  readonly accumulated = new Set<string>();
  /** columns assigned a model's predictions (df['cluster'] = km.labels_) */
  readonly predColumns = new Set<string>();
  /** of those, columns made from predictions of new data (decoded, thresholded: targets.ts), not a clusterer's labels */
  readonly predictedColumns = new Set<string>();
  /** a block's body statement's signals -> the block's (callers of helpers are looked up through them) */
  readonly enclosing = new Map<Signal[], Signal[]>();
  /** names read by the body of the top-level block being analysed (feature names read in a loop: rules/used-for.ts) */
  bodyReads: Set<string> | null = null;
  /** top-level names bound by statements that only pick values out, until rebound (rules/plot-only.ts) */
  readonly plotOnly = new Map<string, PlotOnlyDef>();
  readonly plotDefs: PlotOnlyDef[] = [];
  /** names bound to user helpers' results, and the helpers a gradient step read (rules/gradient-helpers.ts) */
  readonly gradientHelpers: GradientHelperState = { results: new Map(), steppers: new Set(), starters: new Set() };
  /** top-level names bound to statistics or constants that may only serve cleaning, until rebound (rules/clean-inputs.ts) */
  readonly cleanInputs = new Map<string, CleanInputDef>();
  readonly cleanDefs: CleanInputDef[] = [];
  /** top-level names bound by assignments with no recognised operation, until rebound (rules/used-for.ts) */
  readonly usedFor = new Map<string, UsedForDef>();
  readonly usedForDefs: UsedForDef[] = [];
  /** top-level frames of a few columns taken out, until rebound, and all of them (rules/exploration-frames.ts) */
  readonly explorationFrames = new Map<string, ExplorationFrame>();
  readonly explorationFrameDefs: ExplorationFrame[] = [];
  /** top-level frames being built and filled, until written (labeller/pred-frames.ts): the statements of each */
  readonly predFrames = new Map<string, Rec[]>();
  /** the last plain assignment of a name or `self.attr`, per function (key `fn key:name`): starting values of fitting loops */
  readonly binders = new Map<string, Rec>();
  /** a top-level `model.eval()` waiting for the statement it switches the model for (rules/mode-switch.ts) */
  modeSwitch: Rec | null = null;
  fnCounter = 0;
  /** set when a statement has effects beyond its record and the global scope (see topLevel) */
  impure = false;
  trainHit = false;

  /**
   * @param roots directories searched for the user's modules (modules.ts), null to resolve none
   * @param deps  receives the module files read, with their sha256
   */
  constructor(
    readonly kb: KnowledgeBase,
    readonly roots: string[] | null = null,
    readonly deps: ModuleDeps = new Map(),
  ) {}
}

/** The operations of the stages, as the other stages see them. */
export interface Engine extends AnalyzerState {
  // top-level.ts
  magic(text: string, line: number, cell: number | null): void;
  topLevel(s: Stmt, cell: number | null, offset: number): void;
  starsKey(): string;
  readsHold(m: StmtMemo): boolean;
  replay(m: StmtMemo, s: Stmt, cell: number | null, offset: number): void;
  newCtx(scope: Scope, fn: UserFn | null, line: number, cell: number | null, offset: number, loopVars: Set<string>): Ctx;
  // statement.ts
  statement(s: Stmt, scope: Scope, fn: UserFn | null, cell: number | null, offset: number, loopVars: Set<string>): Rec | null;
  // user-imports.ts
  isLibrary(dotted: string): boolean;
  localImport(qual: string, alias: string): Val | null;
  moduleVal(dotted: string, at?: ModuleLocation | null): Val | null;
  memberOf(um: UserModule, name: string): Val | null;
  // summaries.ts
  defineFunction(name: string, params: Param[], body: Stmt[], scope: Scope, cell: number | null, offset: number, start: number, end: number, cls: UserClass | null): UserFn;
  summarize(uf: UserFn): void;
  classPhases(uc: UserClass): [Phase, number][];
  keepUserPrimary(fname: string, ctx: Ctx): void;
  // assign.ts
  assign(targets: Expr[], value: Expr | null, op: string | null, ctx: Ctx, rec: Rec): void;
  onlyScoresRead(names: Set<string>, ctx: Ctx): boolean;
  isPrealloc(value: Expr): boolean;
  // targets.ts
  bind(t: Expr, value: Expr | null, v: Val, origin: Phase | null, ctx: Ctx): void;
  subscriptTarget(t: Extract<Expr, { k: 'sub' }>, value: Expr | null, ctx: Ctx, strong: boolean): void;
  // block.ts
  unknownCallFallback(ctx: Ctx, target: string | null): void;
  block(kind: string, heads: Expr[], targets: Expr[], body: Stmt[], ctx: Ctx, rec: Rec, loopVars: Set<string>): void;
  // expr.ts
  isSizeOfData(e: Expr, ctx: Ctx): boolean;
  displayOf(v: Val, e: Expr, ctx: Ctx, what: string): void;
  expr(e: Expr, ctx: Ctx, mult: number, top: boolean): Val;
  // call.ts
  call(e: Extract<Expr, { k: 'call' }>, ctx: Ctx, mult: number, top: boolean): Val;
  // kb-labels.ts
  result(spec: Spec, recv: Val | null, args: Val[], q: string | null): Val;
  emit(spec: Spec, name: string, ctx: Ctx, mult: number, args: Val[], recv: Val | null): void;
  collectParams(e: Extract<Expr, { k: 'call' }>, args: Val[], kw: [string, Val][], callee: string, user: UserFn | null, ctx: Ctx): void;
  // finish.ts
  finish(file: string, sha: string): FileAnalysis;
  resolvePlots(all: Rec[]): void;
  /** the functions, classes and modules a user module's top level binds (a nested analysis of it) */
  moduleMembers(path: string, text: string, deps: ModuleDeps): Map<string, Val>;
}
