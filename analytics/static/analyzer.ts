/**
 * The phase labeller: walks the IR of a file (or of a notebook's code cells, in order) with an abstract
 * environment, resolving names through imports and aliases, typing values through the knowledge base
 * (constructors → instance types → method specs), tracking simple def-use roles (data, labels, models,
 * predictions, metrics) and falling back on the shape of the code when no known API is involved.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { Expr, Param, Stmt } from './ir.js';
import { parseChunks, type ParseStats } from './ir.js';
import type { KnowledgeBase, KPhase, Role, Spec } from './knowledge.js';
import { getKnowledgeBase } from './knowledge.js';
import type { SourceUnit } from './notebook.js';
import { PHASE_NAMES, type Phase } from './phases.js';
import { chainHasRecode, isCategoryCast, isCategoryGrouping, isMaskedNumericRecode, isNumericRecode } from './rules/encoding.js';
import { COL_GROUP_RE, isSplitIndex, isStringList, isWindowAppend, splitFractionName } from './rules/shapes.js';
import { phaseOfCalleeName } from './rules/callee-names.js';
import { locate, locateIn, ModuleSummaries, searchRoots, type ModuleDeps, type ModuleLocation } from './modules.js';

// ---------------------------------------------------------------------------------------------------
// public result shapes (exactly the JSON of `labtrace analyze --json`)

export interface StatementResult {
  start_line: number;
  end_line: number;
  cell: number | null;
  phases: Phase[];
  evidence: string[];
  confidence: number;
}

export interface FunctionResult {
  name: string;
  start_line: number;
  end_line: number;
  phases: Phase[];
}

export type LiteralValue = number | string | (number | string)[];

export interface ParameterResult {
  name: string | null;
  value: LiteralValue;
  line: number;
  cell: number | null;
  call: string;
}

export interface AnalysisDetail {
  /** number of tree-sitter ERROR regions (0 for a clean parse) */
  syntax_errors: number;
  /** cell of each function in `functions` (same order), for notebooks */
  function_cells: (number | null)[];
  chunks: number;
  parsed_chunks: number;
  elapsed_ms: number;
  /** the user's modules the analysis read (modules.ts), with the sha256 of their text: a cached analysis holds while they do */
  modules: { path: string; sha256: string }[];
}

export interface FileAnalysis {
  file: string;
  sha256: string;
  statements: StatementResult[];
  functions: FunctionResult[];
  parameters: ParameterResult[];
  /** internal detail, not part of the JSON output */
  detail?: AnalysisDetail;
}

// ---------------------------------------------------------------------------------------------------
// abstract values

const T_DATA = 1;
const T_LABEL = 2;
const T_MODEL = 4;
const T_PRED = 8;
const T_METRIC = 16;
const T_RESULT = T_MODEL | T_PRED | T_METRIC;

interface Val {
  /** KB type of the value */
  t: string | null;
  /** qualified name: module / function path for imported names, class for instances */
  q: string | null;
  /** a module or imported name (attribute access extends it) */
  mod: boolean;
  taint: number;
  origin: Phase | null;
  /** user function or class key */
  fn?: UserFn;
  ucls?: UserClass;
  inst?: UserClass;
  lit?: LiteralValue | Record<string, LiteralValue>;
  /** a summary of data (describe, isnull().sum(), value_counts, corr): operations on it still inspect */
  sum?: boolean;
  /** one of the user's own modules (modules.ts) */
  umod?: UserModule;
}

/** A module of the user's resolved on disk, with the functions, classes and modules its top level binds. */
interface UserModule {
  loc: ModuleLocation;
  members: Map<string, Val>;
}

const EMPTY: Val = { t: null, q: null, mod: false, taint: 0, origin: null };

function roleTaint(role: Role | null): number {
  switch (role) {
    case 'data':
      return T_DATA;
    case 'model':
    case 'search':
      return T_MODEL;
    case 'pred':
      return T_PRED;
    case 'metric':
      return T_METRIC;
    default:
      return 0;
  }
}

function phaseTaint(p: Phase | null): number {
  switch (p) {
    case 'model_training':
    case 'hyperparameter_tuning':
      return T_MODEL;
    case 'prediction':
      return T_PRED;
    case 'model_evaluation':
      return T_METRIC;
    default:
      return 0;
  }
}

const PRED_RE = /(^|_)(pred|preds|prediction|predictions|predicted|yhat|y_hat|forecast|forecasts|probs|proba|outputs?|oof)(_|$|\d)/i;
const LABEL_RE = /^(y|Y|y_?\w*|Y_?\w*|labels?|targets?|truth|ground_truth|\w+_labels?|\w+_target|(train|test|val|valid|tr|te|dev)_(y|Y))$/;
const FEATURE_RE = /^(X|x|X_?\w*|x_(train|test|val|valid|tr|te)\w*|features?|feats?|inputs?|(train|test|val|valid|tr|te|dev)_(X|x))$/;
const DF_RE = /^(df\w*|\w*_df|data|dataset|dataframe|data_frame|frame|df|train|test|train_data|test_data|raw|raw_data|\w*_data|data_\w+|full|combined|housing|titanic|iris)$/i;
const MODEL_RE = /^(model|models|clf|classifier|regressor|reg|estimator|rf|svm|svc|knn|xgb|lgbm|gbm|net|network|pipe|pipeline|\w*_model|model_\w+|\w*_clf|nn)$/i;
const METRIC_RE = /(^|_)(score|scores|acc|accuracy|loss|losses|err|error|errors|mse|rmse|mae|r2|auc|f1|smape|mape|rmsle|msle|logloss|gini|kappa|precision|recall|metrics?|results?|history|hist|cm|conf_mat|confusion|report|wcss|inertia|importances?|cv_scores?|residuals?)(_|$|\d)/i;
const WEIGHT_RE = /^(w|W|w\d|W\d|weights?|theta|beta|coef|coefs|params|b|bias)$/;
const GRAD_RE = /(grad|gradient|d_?cost|d_?loss|deriv|delta|dw|db|learning_rate|lr|alpha|eta|step)/i;
const LOAD_FN_RE = /(^|_)(load|read|fetch|download|get_data|open|import_data|load_data|read_data|get_dataset|scrape|query)(_|$)|^(load|read|fetch|download)/i;
const SEED_RE = /(^|_)seed(_|$)/i;
const MUTATORS = new Set(['append', 'extend', 'update', 'add', 'insert', 'setdefault', 'appendleft']);
const SPLIT_NAME_RE = /(^|_)(train|test|val|valid|validation|holdout|tr|te|dev)(_|$|\d)/i;
const BEST_RE = /^best(_|$)/i;
/** best_features / best_cols: a selection of features, not a tuning result */
const BEST_FEATURES_RE = /^best_(feat|features?|cols?|columns?|vars?|predictors?)$/i;
/** Kaggle submission frames: what they hold are predictions */
const SUBMISSION_RE = /^(sub|subm|submission|submit|my_submission|sample_sub|sample_submission)(_?df)?$|^submission_\w+$|_(submission|sub)$/i;
const TYPE_FIX_METHODS = new Set(['astype', 'to_numpy', 'infer_objects', 'convert_dtypes']);
const SHOW_METHODS = new Set(['sample', 'sort_values', 'nlargest', 'nsmallest', 'query', 'sort_index']);
const APPLY_METHODS = new Set(['apply', 'map', 'applymap', 'transform', 'agg', 'aggregate', 'pipe', 'progress_apply', 'parallel_apply']);
const ID_RE = /(^|_)(ids?|ID|IDs|Id)$|[a-z](Id|ID)s?$/;
const SUBMISSION_STRONG_RE = /submission|submit/i;
/** lists of column names: feature / column selection */
const COLS_RE = /(^|_)(cols|columns|col_names|column_names|features|feats|feature_names|feature_cols|predictors|vars|variables)$/i;
/** methods returning a boolean row mask (df[df.x.notnull()]) */
const MASK_METHODS = new Set(['notnull', 'notna', 'isnull', 'isna', 'isin', 'between', 'duplicated', 'contains', 'startswith', 'endswith', 'str']);
/** user functions named after a metric or a cleaning step */
const EVAL_FN_RE = /(^|_)(score|scores|metric|metrics|evaluate|eval|error|rmse|rmsle|mae|mse|smape|mape|msle|auc|gini|accuracy|kappa|logloss|cv_score|cross_val)(_|$)/i;
const CLEAN_FN_RE = /(^|_)(clean|cleaning|cleanup|impute|fill_missing|remove_outliers|preprocess_text|clean_text|normalize_text)(_|$)/i;
const HT_GRID_RE = /(grid|dist|space|search|candidates|hyper|param_list)/i;
const GRID_RE = /(param|grid|space|search|candidates|hyper)/i;

const nameValMemo = new Map<string, Val>();
function nameVal(id: string): Val {
  let v = nameValMemo.get(id);
  if (!v) {
    v = nameValUncached(id);
    if (nameValMemo.size > 100_000) nameValMemo.clear();
    nameValMemo.set(id, v);
  }
  return v;
}

function nameValUncached(id: string): Val {
  if (PRED_RE.test(id)) return { ...EMPTY, taint: T_PRED };
  if (METRIC_RE.test(id)) return { ...EMPTY, taint: T_METRIC };
  if (LABEL_RE.test(id)) return { ...EMPTY, taint: T_LABEL | T_DATA };
  if (FEATURE_RE.test(id)) return { ...EMPTY, taint: T_DATA };
  if (DF_RE.test(id)) return { ...EMPTY, t: /df/i.test(id) ? 'pandas.DataFrame' : null, taint: T_DATA };
  if (MODEL_RE.test(id)) return { ...EMPTY, taint: T_MODEL };
  return EMPTY;
}

// ---------------------------------------------------------------------------------------------------
// signals and records

type SigPhase = Phase | 'plot?';
type SigSrc = 'kb' | 'user' | 'shape' | 'name' | 'inherit' | 'fallback';

interface Signal {
  phase: SigPhase;
  w: number;
  ev: string;
  src: SigSrc;
  /** from reading an attribute (df.shape): only meaningful when the statement displays it */
  attr?: boolean;
}

interface Rec {
  start: number;
  end: number;
  cell: number | null;
  sigs: Signal[];
  /** function key the record belongs to, or null for top level */
  scope: UserFn | null;
  /** ordinal (for plot runs) */
  seq: number;
  trainedBefore: boolean;
  isDef?: UserFn;
  isClass?: UserClass;
  loop?: boolean;
  final?: { phases: Phase[]; evidence: string[]; confidence: number };
  /** memo of resolvePlots' isPlot */
  plot?: boolean;
  /** `final` is shared with the statement memo */
  sharedFinal?: boolean;
  /** memo of the (top-level) statement, when it has one */
  memo: StmtMemo | null;
}

const PHASE_WEIGHT: Record<Phase, number> = {
  setup: 1,
  data_loading: 1.25,
  data_exploration: 0.75,
  data_cleaning: 0.9,
  data_splitting: 1.2,
  feature_engineering: 0.9,
  model_training: 1.1,
  hyperparameter_tuning: 1.3,
  model_evaluation: 1.0,
  prediction: 0.9,
  visualization: 0.85,
  model_persistence: 1.1,
  other: 0.3,
};

const SRC_CONF: Record<SigSrc, number> = { kb: 0.92, user: 0.8, shape: 0.65, name: 0.6, inherit: 0.5, fallback: 0.3 };

// ---------------------------------------------------------------------------------------------------
// user code

interface UserFn {
  key: string;
  name: string;
  params: Param[];
  body: Stmt[];
  scope: Scope;
  cell: number | null;
  offset: number;
  start: number;
  end: number;
  cls: UserClass | null;
  state: 'new' | 'busy' | 'done';
  phases: [Phase, number][];
  ret: Val;
  records: Rec[];
  defRec: Rec | null;
  callers: { sigs: Signal[]; fn: UserFn | null }[];
  /** defined in another file (one of the user's modules): summarised there, shared by every analysis */
  external: boolean;
}

interface UserClass {
  key: string;
  name: string;
  baseType: string | null;
  baseQ: string | null;
  methods: Map<string, UserFn>;
}

/** Reads and writes of the global scope made by one top-level statement (see Analyzer.topLevel). */
interface ScopeRecorder {
  reads: Map<string, Val | undefined>;
  writes: [string, Val][];
  /** the statement touched user functions or classes: not replayable */
  impure: boolean;
}

class Scope {
  static recorder: ScopeRecorder | null = null;
  readonly vars = new Map<string, Val>();
  constructor(readonly parent: Scope | null) {}
  get(id: string): Val | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(id);
      if (v) {
        const r = Scope.recorder;
        if (r) {
          if (!r.reads.has(id)) r.reads.set(id, v);
          if (v.fn || v.ucls || v.inst || v.umod) r.impure = true;
        }
        return v;
      }
    }
    const r = Scope.recorder;
    if (r && !r.reads.has(id)) r.reads.set(id, undefined);
    return undefined;
  }
  set(id: string, v: Val): void {
    this.vars.set(id, v);
    Scope.recorder?.writes.push([id, v]);
  }
}

/**
 * What a simple top-level statement (import, assignment, expression, del/assert/...) read and did, kept per
 * IR statement (the IR of unchanged chunks is reused across analyses). When the statement is analysed again
 * and every name it read has the same abstract value, the analysis is replayed instead of re-run.
 */
interface StmtMemo {
  kb: KnowledgeBase;
  /** the star imports in force (bare names resolve through them) */
  stars: string;
  readIds: string[];
  readVals: (Val | undefined)[];
  writes: [string, Val][];
  /** the record's signals, shared by every replay: nothing may change them in place after the statement */
  sigs: Signal[];
  loop: boolean;
  /** the statement (or one inside it) trains a model */
  trains: boolean;
  params: { name: string | null; value: LiteralValue; rel: number; call: string }[];
  /** final phases of `sigs` (computed once), with the secondary ratio they were computed for */
  final?: { phases: Phase[]; evidence: string[]; confidence: number };
  finalRatio?: number;
  /** resolvePlots' isPlot of `sigs` */
  plot?: boolean;
}
// (kept on the IR statement itself, `Stmt.memo`: no weak tables for the garbage collector to trace)

function sameLit(a: Val['lit'], b: Val['lit']): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const x = a[k];
    const y = (b as Record<string, LiteralValue>)[k];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.some((e, i) => e !== y[i])) return false;
  }
  return true;
}

function sameVal(a: Val | undefined, b: Val | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.t === b.t && a.q === b.q && a.mod === b.mod && a.taint === b.taint && a.origin === b.origin && a.sum === b.sum && !a.fn && !b.fn && !a.ucls && !b.ucls && !a.inst && !b.inst && !a.umod && !b.umod && sameLit(a.lit, b.lit);
}

interface Ctx {
  sigs: Signal[];
  /** scope of the statement */
  scope: Scope;
  fn: UserFn | null;
  line: number;
  cell: number | null;
  offset: number;
  mask: boolean;
  arith: boolean;
  /** arithmetic with raw data as an operand (not only aggregates and constants) */
  rawArith: boolean;
  errorShape: boolean;
  strings: Set<string>;
  names: Set<string>;
  loopVars: Set<string>;
  unknownCalls: string[];
  display: boolean;
  slice: boolean;
  compFilter: boolean;
  numeric: boolean;
  compare: boolean;
  /** names mutated in place (rows.append(...)) */
  mutated: Set<string>;
  /** constants used as arguments of training-like calls */
  constUses: { name: string; phase: Phase }[];
}

export interface AnalyzeOptions {
  kb?: KnowledgeBase;
  /** resolve imports of the user's own modules next to `file` (default true) */
  modules?: boolean;
}

/** Summaries of the user's modules, per knowledge base (a module's summary depends on it). */
const moduleSummaries = new WeakMap<KnowledgeBase, ModuleSummaries<Map<string, Val>>>();
function summariesFor(kb: KnowledgeBase): ModuleSummaries<Map<string, Val>> {
  let m = moduleSummaries.get(kb);
  if (!m) moduleSummaries.set(kb, (m = new ModuleSummaries()));
  return m;
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

// ---------------------------------------------------------------------------------------------------

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

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

class Analyzer {
  readonly global = new Scope(null);
  readonly records: Rec[] = [];
  readonly fns: UserFn[] = [];
  readonly params: ParameterResult[] = [];
  readonly stars: string[] = [];
  readonly functionCells: (number | null)[] = [];
  syntaxErrors = 0;
  private seq = 0;
  private trained = false;
  private lastValueTaint = 0;
  private parentMutated: Set<string> | null = null;
  private readonly constDefs = new Map<string, Rec>();
  /** names of top-level literal lists of strings (candidate column-name lists) */
  private readonly columnLists = new Set<string>();
  /** literal constants updated in place (losses.append(...), correct += ...) by the statement being analysed */
  private readonly accumulated = new Set<string>();
  /** columns assigned a model's predictions (df['cluster'] = km.labels_) */
  private readonly predColumns = new Set<string>();
  private fnCounter = 0;
  /** set when a statement has effects beyond its record and the global scope (see topLevel) */
  private impure = false;
  private trainHit = false;

  /**
   * @param roots directories searched for the user's modules (modules.ts), null to resolve none
   * @param deps  receives the module files read, with their sha256
   */
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly roots: string[] | null = null,
    private readonly deps: ModuleDeps = new Map(),
  ) {}

  // ---------------------------------------------------------------------- statements

  magic(text: string, line: number, cell: number | null): void {
    let phase: Phase = 'other';
    // (%%time / %%capture only wrap the cell's code: housekeeping, the cell's statements speak for it)
    if (/^[%!]\s*(pip|conda|apt|apt-get)\b|^%(matplotlib|load_ext|reload_ext|autoreload|config|env|cd)\b/.test(text)) phase = 'setup';
    else if (/^%%?(time|timeit|capture|prun)\b/.test(text)) {
      this.records.push(newRec(line, line, cell, [{ phase: 'other', w: 0.3, ev: `IPython ${text.split(/\s+/)[0]} (timing / capture) -> other`, src: 'fallback' }], null, this.seq++, this.trained));
      return;
    }
    else if (/^!\s*(wget|curl|kaggle|unzip|tar|gdown|git\s+clone|gsutil|aws\s+s3)/.test(text) || /^%%writefile|^!ls\b/.test(text)) phase = /^!ls/.test(text) ? 'data_exploration' : 'data_loading';
    if (/^%%/.test(text) && phase === 'other') return;
    this.records.push(newRec(line, line, cell, [{ phase, w: 1, ev: `IPython ${text.split(/\s+/)[0]} -> ${phase}`, src: 'kb' }], null, this.seq++, this.trained));
  }

  topLevel(s: Stmt, cell: number | null, offset: number): void {
    const k = s.s.k;
    const simple = k === 'assign' || k === 'expr' || k === 'other' || k === 'block' || (k === 'import' && !s.s.star);
    if (!simple) {
      const rec = this.statement(s, this.global, null, cell, offset, new Set());
      if (rec) this.records.push(rec);
      return;
    }
    const memo = s.memo as StmtMemo | undefined;
    if (memo && memo.kb === this.kb && memo.stars === this.starsKey() && this.readsHold(memo)) {
      this.replay(memo, s, cell, offset);
      return;
    }
    const recorder: ScopeRecorder = { reads: new Map(), writes: [], impure: false };
    const nParams = this.params.length;
    const nFns = this.fns.length;
    const nStars = this.stars.length;
    this.impure = false;
    this.trainHit = false;
    Scope.recorder = recorder;
    let rec: Rec | null;
    try {
      rec = this.statement(s, this.global, null, cell, offset, new Set());
    } finally {
      Scope.recorder = null;
    }
    if (!rec) return;
    this.records.push(rec);
    if (recorder.impure || this.impure || this.fns.length !== nFns || this.stars.length !== nStars) {
      s.memo = undefined;
      return;
    }
    const m: StmtMemo = {
      kb: this.kb,
      stars: this.starsKey(),
      readIds: [...recorder.reads.keys()],
      readVals: [...recorder.reads.values()],
      writes: recorder.writes,
      sigs: rec.sigs,
      loop: rec.loop === true,
      trains: this.trainHit,
      params: this.params.slice(nParams).map((p) => ({ name: p.name, value: p.value, rel: p.line - offset, call: p.call })),
    };
    s.memo = m;
    rec.memo = m;
  }

  private starsKey(): string {
    return this.stars.length === 0 ? '' : this.stars.join('\n');
  }

  private readsHold(m: StmtMemo): boolean {
    const vars = this.global.vars;
    const ids = m.readIds;
    const vals = m.readVals;
    for (let i = 0; i < ids.length; i++) {
      const cur = vars.get(ids[i]!);
      const old = vals[i];
      if (cur !== old && !sameVal(cur, old)) return false;
    }
    return true;
  }

  private replay(m: StmtMemo, s: Stmt, cell: number | null, offset: number): void {
    const rec = newRec(s.start + offset, s.end + offset, cell, m.sigs, null, this.seq++, this.trained);
    if (m.loop) rec.loop = true;
    rec.memo = m;
    for (const [id, v] of m.writes) this.global.vars.set(id, v);
    for (const p of m.params) this.params.push({ name: p.name, value: p.value, line: p.rel + offset, cell, call: p.call });
    if (m.trains) this.trained = true;
    this.records.push(rec);
  }

  private newCtx(scope: Scope, fn: UserFn | null, line: number, cell: number | null, offset: number, loopVars: Set<string>): Ctx {
    return {
      sigs: [],
      scope,
      fn,
      line,
      cell,
      offset,
      mask: false,
      arith: false,
      rawArith: false,
      errorShape: false,
      strings: new Set(),
      names: new Set(),
      loopVars,
      unknownCalls: [],
      display: false,
      slice: false,
      compFilter: false,
      numeric: false,
      compare: false,
      mutated: new Set(),
      constUses: [],
    };
  }

  /** Analyses one statement, updating the scope; returns its record (null for nothing to report). */
  private statement(s: Stmt, scope: Scope, fn: UserFn | null, cell: number | null, offset: number, loopVars: Set<string>): Rec | null {
    const start = s.start + offset;
    const end = s.end + offset;
    const ctx = this.newCtx(scope, fn, start, cell, offset, loopVars);
    const rec = newRec(start, end, cell, ctx.sigs, fn, this.seq++, this.trained);
    const st = s.s;
    switch (st.k) {
      case 'import': {
        for (const n of st.names) {
          const local = this.localImport(n.qual, n.alias);
          scope.set(n.alias, local ?? { ...EMPTY, q: n.qual === n.alias || n.qual.startsWith(n.alias + '.') ? n.alias : n.qual, mod: true });
          ctx.sigs.push({ phase: 'setup', w: 1, ev: `import ${n.qual} -> setup`, src: 'kb' });
        }
        if (st.star) {
          // from utils import *: the functions and classes of the user's module
          const um = this.isLibrary(st.star) ? null : this.moduleVal(st.star);
          if (um?.umod) for (const [k, v] of um.umod.members) scope.set(k, v);
          this.stars.push(st.star);
          ctx.sigs.push({ phase: 'setup', w: 1, ev: `from ${st.star} import * -> setup`, src: 'kb' });
        }
        if (st.names.length === 0 && !st.star) ctx.sigs.push({ phase: 'setup', w: 1, ev: 'import -> setup', src: 'kb' });
        break;
      }
      case 'assign':
        this.assign(st.targets, st.value, st.op, ctx, rec);
        break;
      case 'expr': {
        const v = this.expr(st.e, ctx, 1, true);
        // xs.append(series[i:i + lookback]) in a loop: sliding windows cut from a series (sequence model inputs)
        if (ctx.loopVars.size > 0 && !hasStrong(ctx.sigs) && isWindowAppend(st.e, ctx.loopVars))
          ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: 'shape: windows sliced from a series in a loop -> feature_engineering', src: 'shape' });
        // df.sample(5) / df.sort_values('price') shown, not assigned: a look at the data
        if (st.e.k === 'call' && st.e.fn.k === 'attr' && SHOW_METHODS.has(st.e.fn.attr) && !st.e.kw.some(([k]) => k === 'inplace'))
          for (const x of ctx.sigs) if ((x.phase === 'data_splitting' || x.phase === 'data_cleaning') && x.src === 'kb') {
            x.phase = 'data_exploration';
            x.ev = `${x.ev.replace(/ -> \w+$/, '')} (shown, not kept) -> data_exploration`;
          }
        // df.sample(2000).plot(...) / s.rolling(30).mean().plot(): the data operations of a chain that ends in a
        // figure serve the figure (model outputs drawn keep their phases)
        if (ctx.sigs.some((x) => x.phase === 'visualization' && x.src === 'kb'))
          for (const x of ctx.sigs)
            if (x.src === 'kb' && (x.phase === 'data_splitting' || x.phase === 'feature_engineering' || x.phase === 'data_cleaning')) x.w *= 0.3;
        if (ctx.errorShape && !hasStrong(ctx.sigs)) ctx.sigs.push({ phase: 'model_evaluation', w: 1, ev: 'shape: predictions compared with labels -> model_evaluation', src: 'shape' });
        // inside a function body nothing is displayed: a bare expression there (X.append(...)) shows no data
        else if (!hasStrong(ctx.sigs) && !ctx.sigs.some((x) => x.phase === 'plot?') && !ctx.fn) {
          if (this.isSizeOfData(st.e, ctx)) ctx.sigs.push({ phase: 'data_exploration', w: 0.7, ev: 'display of len(...) of data -> data_exploration', src: 'name' });
          else this.displayOf(v, st.e, ctx, 'expression');
        }
        this.unknownCallFallback(ctx, null);
        break;
      }
      case 'return': {
        if (st.e) {
          const v = this.expr(st.e, ctx, 1, false);
          if (fn) fn.ret = mergeRet(fn.ret, v);
          // attribute reads (X.shape[0]) in a returned expression compute something, they do not inspect
          for (let i = ctx.sigs.length - 1; i >= 0; i--) if (ctx.sigs[i]!.attr && ctx.sigs[i]!.phase === 'data_exploration') ctx.sigs.splice(i, 1);
          if (ctx.errorShape && !hasStrong(ctx.sigs)) ctx.sigs.push({ phase: 'model_evaluation', w: 1, ev: 'shape: predictions compared with labels -> model_evaluation', src: 'shape' });
        }
        break;
      }
      case 'def': {
        const uf = this.defineFunction(st.name, st.params, st.body, scope, cell, offset, start, end, null);
        for (const d of st.decorators) this.expr(d, ctx, 0.3, false);
        ctx.sigs.length = 0;
        rec.isDef = uf;
        uf.defRec = rec;
        scope.set(st.name, { ...EMPTY, fn: uf });
        break;
      }
      case 'class': {
        let baseType: string | null = null;
        let baseQ: string | null = null;
        for (const b of st.bases) {
          const bv = this.expr(b, ctx, 0, false);
          if (bv.mod && bv.q) {
            const c = this.kb.lookup(bv.q);
            if (c && c.kind === 'class') {
              baseType = c.type;
              baseQ = c.name;
            }
          } else if (bv.ucls) {
            baseType = bv.ucls.baseType;
            baseQ = bv.ucls.baseQ;
          }
        }
        ctx.sigs.length = 0;
        const uc: UserClass = { key: `${st.name}#${this.fnCounter++}`, name: st.name, baseType, baseQ, methods: new Map() };
        const cscope = new Scope(scope);
        for (const m of st.body) {
          if (m.s.k === 'def') {
            const uf = this.defineFunction(`${st.name}.${m.s.name}`, m.s.params, m.s.body, scope, cell, offset, m.start + offset, m.end + offset, uc);
            uc.methods.set(m.s.name, uf);
            const mrec = newRec(m.start + offset, m.end + offset, cell, [], null, this.seq++, this.trained);
            mrec.isDef = uf;
            uf.defRec = mrec;
          } else {
            const r = this.statement(m, cscope, fn, cell, offset, loopVars);
            if (r) ctx.sigs.push(...r.sigs.map((x) => ({ ...x, w: x.w * 0.5 })));
          }
        }
        rec.isClass = uc;
        scope.set(st.name, { ...EMPTY, ucls: uc });
        break;
      }
      case 'block':
        this.block(st.kind, st.heads, st.targets, st.body, ctx, rec, loopVars);
        break;
      case 'other': {
        for (const e of st.exprs) this.expr(e, ctx, 0.5, false);
        if (st.kw === 'del') {
          ctx.sigs.length = 0;
          ctx.sigs.push({ phase: 'other', w: 0.3, ev: 'del -> other', src: 'fallback' });
        }
        break;
      }
      case 'magic':
        break;
    }
    // df.groupby('cluster').mean(), pd.crosstab(df['cluster'], ...): summaries of a model's output evaluate the model
    if (this.predColumns.size > 0 && [...ctx.strings].some((x) => this.predColumns.has(x)))
      for (const x of rec.sigs) if (x.phase === 'data_exploration' && x.src === 'kb' && !PLOT_EV_RE.test(x.ev)) {
        x.phase = 'model_evaluation';
        x.ev = `${x.ev.replace(/ -> \w+$/, '')} (of a model's output column) -> model_evaluation`;
      }
    if (fn) fn.records.push(rec);
    const top = provisionalTop(rec.sigs);
    if (top === 'model_training' || top === 'hyperparameter_tuning') this.trained = this.trainHit = true;
    // def-use: values mutated in place take the phase of the statement (rows.append(...) while loading)
    if (top && top !== 'other') {
      for (const n of ctx.mutated) {
        const v = scope.get(n);
        if (v && !v.mod && !v.fn && !v.ucls) scope.set(n, { ...v, origin: top, taint: v.taint | phaseTaint(top) | (top === 'data_loading' ? T_DATA : 0) });
      }
    }
    if (this.parentMutated) for (const n of ctx.mutated) this.parentMutated.add(n);
    // accumulators (losses = [], correct = 0) take the phase of the top-level statement that fills them
    if (!fn) {
      for (const n of ctx.mutated) if (this.constDefs.has(n)) this.accumulated.add(n);
      const r = top && top !== 'other' && !ctx.loopVars.size ? [...this.accumulated].map((n) => [n, this.constDefs.get(n)] as const) : [];
      for (const [n, d] of r)
        if (d && d !== rec && d.sigs.length === 1 && d.sigs[0]!.phase === 'other' && !this.columnLists.has(n)) {
          d.sigs[0] = { phase: top!, w: 0.8, ev: `def-use: ${n} accumulates results of a later statement -> ${top}`, src: 'name' };
          this.impure = true;
        }
      if (ctx.loopVars.size === 0) this.accumulated.clear();
    }
    // constants (dicts/lists of literals) take the phase of the training call they configure
    if (ctx.constUses.length > 0) this.impure = true;
    for (const u of ctx.constUses) {
      const r = this.constDefs.get(u.name);
      if (r && r.sigs.length === 1 && r.sigs[0]!.phase === 'other') {
        // a list of column names selects features, whatever call it is passed to (cat_features=cols, df[cols])
        if (this.columnLists.has(u.name) || u.phase === 'feature_engineering')
          r.sigs[0] = { phase: 'feature_engineering', w: 0.8, ev: `def-use: ${u.name} names the columns used -> feature_engineering`, src: 'name' };
        else if (u.phase === 'data_splitting') r.sigs[0] = { phase: u.phase, w: 0.8, ev: `def-use: ${u.name} sets a split point -> data_splitting`, src: 'name' };
        else r.sigs[0] = { phase: u.phase, w: 0.8, ev: `def-use: ${u.name} configures a ${u.phase === 'model_training' ? 'training' : 'tuning'} call -> ${u.phase}`, src: 'name' };
      }
    }
    return rec;
  }

  /** Whether a module name belongs to a library the knowledge base knows (never looked for on disk). */
  private isLibrary(dotted: string): boolean {
    const root = dotted.split('.')[0]!;
    return this.kb.roots.has(root) || this.kb.roots.has(this.kb.canonicalize(root).split('.')[0]!);
  }

  /**
   * The value an import binds when it names one of the user's modules or something defined in one:
   *   import helpers / import pkg.mod as m   → the module
   *   from utils import plot_hist            → the function (or class, or submodule)
   *   import pkg.mod                         → the package pkg
   * Null when nothing local matches (the name stays a library name).
   */
  private localImport(qual: string, alias: string): Val | null {
    if (this.isLibrary(qual)) return null;
    // what this statement binds depends on the files on disk: it is never replayed from a memo
    this.impure = true;
    if (!this.roots) return null;
    const dot = qual.lastIndexOf('.');
    const parent = dot > 0 ? this.moduleVal(qual.slice(0, dot)) : null;
    const member = parent?.umod ? this.memberOf(parent.umod, qual.slice(dot + 1)) : null;
    if (member && (member.fn || member.ucls)) return member;
    const root = qual.split('.')[0]!;
    if (dot > 0 && alias === root) return this.moduleVal(root);
    return this.moduleVal(qual) ?? member;
  }

  /** The user's module `dotted` found under the search roots, summarised; null if none (or in a cycle). */
  private moduleVal(dotted: string, at?: ModuleLocation | null): Val | null {
    if (!this.roots) return null;
    const loc = at ?? locate(this.roots, dotted);
    if (!loc) return null;
    let members: Map<string, Val> | null = new Map();
    if (loc.file) {
      const file = loc.file;
      members = summariesFor(this.kb).get(file, (text, deps) => summarizeModule(this.kb, file, text, deps), this.deps);
    }
    if (!members) return null;
    return { ...EMPTY, q: dotted, mod: true, umod: { loc, members } };
  }

  /** `mod.name`: a function, class or module the module binds, else its submodule `name`. */
  private memberOf(um: UserModule, name: string): Val | null {
    const m = um.members.get(name);
    if (m) return m;
    const sub = `${um.loc.dotted}.${name}`;
    const loc = locateIn(um.loc.root, sub);
    return loc ? this.moduleVal(sub, loc) : null;
  }

  private defineFunction(
    name: string,
    params: Param[],
    body: Stmt[],
    scope: Scope,
    cell: number | null,
    offset: number,
    start: number,
    end: number,
    cls: UserClass | null,
  ): UserFn {
    const uf: UserFn = {
      key: `${name}#${this.fnCounter++}`,
      name,
      params,
      body,
      scope,
      cell,
      offset,
      start,
      end,
      cls,
      state: 'new',
      phases: [],
      ret: EMPTY,
      records: [],
      defRec: null,
      callers: [],
      external: false,
    };
    this.fns.push(uf);
    return uf;
  }

  /** Analyses a user function's body once (lazily, at its first call or at the end of the file). */
  private summarize(uf: UserFn): void {
    this.impure = true;
    if (uf.state !== 'new') return;
    uf.state = 'busy';
    const local = new Scope(uf.scope);
    for (const p of uf.params) {
      const pname = p.name.replace(/^\*+/, '');
      if (pname === 'self' && uf.cls) {
        local.set(pname, { ...EMPTY, t: uf.cls.baseType, q: uf.cls.baseQ, inst: uf.cls, taint: roleTaint(this.kb.role(uf.cls.baseType)) });
        continue;
      }
      local.set(pname, nameVal(pname));
    }
    const savedTrained = this.trained;
    for (const s of uf.body) this.statement(s, local, uf, uf.cell, uf.offset, new Set());
    this.trained = savedTrained;
    // summary phases: weighted by each statement's own signals
    const acc = new Map<Phase, number>();
    for (const r of uf.records) {
      const w = phaseWeights(r.sigs);
      let tot = 0;
      for (const v of w.values()) tot += v;
      if (tot <= 0) continue;
      for (const [p, v] of w) if (p !== 'other') acc.set(p, (acc.get(p) ?? 0) + v / Math.max(1, tot) * Math.min(3, tot));
    }
    // plots whose data could not be typed (plt.title, plt.show) go with the function's typed plots
    const vis = acc.get('visualization') ?? 0;
    if (vis > 0) {
      let typedVis = false;
      let explPlot = false;
      for (const r of uf.records)
        for (const x of r.sigs) {
          if (x.phase === 'visualization') typedVis = true;
          else if (x.phase === 'data_exploration' && x.src === 'kb' && PLOT_EV_RE.test(x.ev)) explPlot = true;
        }
      if (explPlot && !typedVis) {
        acc.delete('visualization');
        acc.set('data_exploration', (acc.get('data_exploration') ?? 0) + vis);
      }
    }
    // def rmsle_cv(model) / def smape(preds, target) / def clean_text(text): the name says what the body is for
    const nameBonus: Phase | null = EVAL_FN_RE.test(uf.name) ? 'model_evaluation' : CLEAN_FN_RE.test(uf.name) ? 'data_cleaning' : null;
    if (nameBonus) {
      let top = 0;
      for (const x of acc.values()) top = Math.max(top, x);
      acc.set(nameBonus, Math.max(acc.get(nameBonus) ?? 0, top * 2.1, 1));
    }
    // a function that is only setup/other has no phase of its own
    let phases = [...acc.entries()].sort((a, b) => b[1] - a[1]);
    if (phases.length > 1) phases = phases.filter(([p]) => p !== 'setup');
    uf.phases = phases;
    // statements without a signal inherit the function's main phase
    const main = phases[0]?.[0];
    if (main) {
      for (const r of uf.records) {
        if (!hasAny(r.sigs)) r.sigs.push({ phase: main, w: 0.5, ev: `inside ${uf.name}() -> ${main}`, src: 'inherit' });
      }
    }
    if (uf.ret !== EMPTY && main) {
      uf.ret = { ...uf.ret, origin: uf.ret.origin ?? main, taint: uf.ret.taint | phaseTaint(main) };
    } else if (main) uf.ret = { ...EMPTY, origin: main, taint: phaseTaint(main) | (main === 'data_loading' || main === 'data_cleaning' || main === 'feature_engineering' ? T_DATA : 0) };
    uf.state = 'done';
  }

  private assign(targets: Expr[], value: Expr | null, op: string | null, ctx: Ctx, rec: Rec): void {
    const v = value ? this.expr(value, ctx, 1, false) : EMPTY;
    if (op !== null) for (const t of targets) if (t.k === 'name' && this.constDefs.has(t.id)) this.accumulated.add(t.id);
    // df['cluster'] = km.fit_predict(X): a column holding a model's output (cluster summaries read it later)
    if (v.taint & T_PRED && !(v.taint & T_DATA))
      for (const t of targets) if (t.k === 'sub' && t.idx.length === 1 && t.idx[0]!.k === 'str' && t.idx[0]!.parts.length === 0) this.predColumns.add(t.idx[0]!.v);
    this.lastValueTaint = v.taint;
    // attribute reads (X.shape[1]) inside an assignment are not inspection
    for (let i = ctx.sigs.length - 1; i >= 0; i--) if (ctx.sigs[i]!.attr && ctx.sigs[i]!.phase === 'data_exploration') ctx.sigs.splice(i, 1);
    // aggregates used inside arithmetic ((x - x.mean()) / x.std()) compute something, they do not inspect
    // (but arithmetic on aggregates only — df.isnull().sum() / len(df) * 100 — is still a summary being inspected)
    const subTarget = targets.some((t) => t.k === 'sub');
    if (ctx.rawArith || subTarget || (ctx.mask && ![...ctx.names].some((n) => ctx.scope.get(n)?.sum) && !ctx.sigs.some((x) => x.phase === 'data_exploration' && x.src === 'kb' && PLOT_EV_RE.test(x.ev)))) {
      for (let i = ctx.sigs.length - 1; i >= 0; i--) if (ctx.sigs[i]!.phase === 'data_exploration' && ctx.sigs[i]!.src === 'kb' && !PLOT_EV_RE.test(ctx.sigs[i]!.ev)) ctx.sigs.splice(i, 1);
    }
    const rhsNames = ctx.names;
    const strongBefore = hasStrong(ctx.sigs);
    const onlyDrop = ctx.sigs.every((s) => (s.src !== 'kb' && s.src !== 'user') || /\.(drop|loc|iloc|astype|values|to_numpy)\b/.test(s.ev) || s.phase === 'data_exploration');
    const tnames: string[] = [];
    for (const t of targets) collectTargetNames(t, tnames);

    // targets that are not plain names
    for (const t of targets) {
      if (t.k === 'sub') this.subscriptTarget(t, value, ctx, strongBefore);
      else if (t.k === 'attr') {
        const base = this.expr(t.obj, this.newCtx(ctx.scope, ctx.fn, ctx.line, ctx.cell, ctx.offset, ctx.loopVars), 0, false);
        const root = attrRoot(t);
        if (base.mod || (root && /^(plt|mpl|matplotlib|pd|pandas|np|sns|os|torch|tf|warnings|sys)$/.test(root) && !ctx.scope.get(root))) {
          ctx.sigs.push({ phase: 'setup', w: 1, ev: `${exprText(t)} = ... (configuration) -> setup`, src: 'kb' });
        } else if (base.taint & T_MODEL && !strongBefore) {
          ctx.sigs.push({ phase: 'model_training', w: 0.8, ev: `${exprText(t)} = ... (model attribute) -> model_training`, src: 'shape' });
        } else if (!strongBefore && /^(columns|index|name|names|freq|dtype|dtypes)$/.test(t.attr) && root && (() => {
          const rv = ctx.scope.get(root);
          return !!rv && (rv.taint & (T_DATA | T_LABEL) || rv.t === 'pandas.DataFrame' || rv.t === 'pandas.Series') !== 0 && !rv.mod;
        })()) {
          ctx.sigs.push({ phase: 'data_cleaning', w: 0.9, ev: `${exprText(t)} = ... (columns / index of the data set) -> data_cleaning`, src: 'shape' });
        } else if (base.inst && !strongBefore && value) {
          // self.x = ... inside methods: nothing on its own
        }
      }
    }

    const strong = hasStrong(ctx.sigs);
    const nameTargets = targets.filter((t) => t.k === 'name' || t.k === 'seq');
    const splitTargets = tnames.length > 0 && tnames.every((n) => SPLIT_NAME_RE.test(n) || LABEL_RE.test(n) || FEATURE_RE.test(n)) && tnames.some((n) => SPLIT_NAME_RE.test(n));
    const dropOfOther = value !== null && value.k === 'call' && value.fn.k === 'attr' && value.fn.attr === 'drop' && value.args.some((a) => a.k === 'attr' && a.attr === 'index' && a.obj.k === 'name' && SPLIT_NAME_RE.test(a.obj.id));
    if (nameTargets.length > 0 && value && !ctx.sigs.some((x) => x.phase === 'data_splitting') && splitTargets && v.taint & (T_DATA | T_LABEL) && ((ctx.slice && !ctx.mask) || dropOfOther)) {
      // train = data[:80] / X_test = X[n:] / test = df.drop(train.index): rows split into named parts
      for (const x of ctx.sigs) if (x.phase !== 'data_splitting') x.w *= 0.3;
      ctx.sigs.push({ phase: 'data_splitting', w: 1.2, ev: `shape: rows sliced into ${tnames.join(', ')} -> data_splitting`, src: 'shape' });
    } else if (nameTargets.length > 0 && value && splitTargets && ctx.mask && v.taint & (T_DATA | T_LABEL) && !tnames.some((n) => rhsNames.has(n)) && (() => {
      const r = value.k === 'sub' || value.k === 'call' || value.k === 'attr' ? attrRoot(value.k === 'call' && value.fn.k === 'attr' ? value.fn.obj : value) : null;
      return r !== null && !SPLIT_NAME_RE.test(r) && !ctx.sigs.some((x) => x.phase === 'data_splitting' || x.phase === 'prediction' || x.phase === 'model_training');
    })()) {
      // train = df[df['Survived'].notnull()] / val = df.loc[df.date >= '2017'] : the combined frame split back into parts
      for (const x of ctx.sigs) x.w *= 0.3;
      ctx.sigs.push({ phase: 'data_splitting', w: 1.2, ev: `shape: rows of the combined data selected into ${tnames.join(', ')} -> data_splitting`, src: 'shape' });
    } else if (nameTargets.length > 0 && value && tnames.every((n) => SUBMISSION_RE.test(n)) && (v.taint & T_PRED || tnames.every((n) => SUBMISSION_STRONG_RE.test(n)) || (value.k === 'call' && /(^|\.)DataFrame$/.test(exprText(value.fn).replace(/\(\.\.\.\)$/, '')))) && !ctx.sigs.some((x) => x.phase === 'model_persistence' || x.phase === 'prediction' || x.phase === 'data_loading')) {
      // submission = pd.DataFrame({'Id': ids, 'SalePrice': preds}) / sub = pd.DataFrame()
      for (const x of ctx.sigs) x.w *= 0.3;
      ctx.sigs.push({ phase: 'prediction', w: 1, ev: `${tnames[0]} = ... (submission frame) -> prediction`, src: 'name' });
      ctx.sigs.push({ phase: 'model_persistence', w: 0.7, ev: `${tnames[0]} = ... (submission frame, written out) -> model_persistence`, src: 'name' });
    } else if (tnames.length === 1 && COLS_RE.test(tnames[0]!) && value && (value.k === 'comp' || isColumnList(value)) && !(v.taint & T_METRIC) && !ctx.sigs.some((x) => x.phase !== 'data_exploration' && x.phase !== 'other' && x.w >= 0.5)) {
      // features = [c for c in df.columns if c != 'target'] / num_cols = ['a', 'b']: a selection of columns
      for (const x of ctx.sigs) x.w *= 0.3;
      ctx.sigs.push({ phase: 'feature_engineering', w: 0.9, ev: `${tnames[0]} = [...] (selection of columns) -> feature_engineering`, src: 'name' });
    } else if (nameTargets.length > 0 && value && value.k === 'dict' && tnames.some((n) => HT_GRID_RE.test(n))) {
      for (const x of ctx.sigs) x.w *= 0.3;
      ctx.sigs.push({ phase: 'hyperparameter_tuning', w: 1.3, ev: `${tnames[0]} = {search space} -> hyperparameter_tuning`, src: 'name' });
    } else if (nameTargets.length > 0 && tnames.some((n) => BEST_RE.test(n) && !BEST_FEATURES_RE.test(n)) && (!strong || ctx.sigs.some((x) => x.phase === 'hyperparameter_tuning')) && (v.origin === 'hyperparameter_tuning' || v.taint & T_METRIC || ctx.sigs.some((x) => x.phase === 'hyperparameter_tuning') || rhsNames.size > 0)) {
      ctx.sigs.push({ phase: 'hyperparameter_tuning', w: 1, ev: `${tnames[0]} = best candidate -> hyperparameter_tuning`, src: 'name' });
    } else if (nameTargets.length > 0 && !strong) {
      // shape heuristics for plain assignments
      if (op !== null && ctx.loopVars.size > 0 && tnames.some((n) => WEIGHT_RE.test(n) || GRAD_RE.test(n))) {
        ctx.sigs.push({ phase: 'model_training', w: 1.2, ev: `shape: ${tnames[0]} ${op} ... updated in a loop -> model_training`, src: 'shape' });
      } else if (tnames.some((n) => SEED_RE.test(n)) && value && isLiteral(value)) {
        ctx.sigs.push({ phase: 'setup', w: 1, ev: `${tnames[0]} = literal (seed) -> setup`, src: 'name' });
      } else if (value && isLiteral(value)) {
        if (value.k === 'dict' && tnames.some((n) => GRID_RE.test(n)) && value.vals.some((x) => x.k === 'seq'))
          ctx.sigs.push({ phase: 'hyperparameter_tuning', w: 1, ev: `${tnames[0]} = {candidates} -> hyperparameter_tuning`, src: 'name' });
        else if (!ctx.fn) {
          const colList = tnames.length === 1 && isStringList(value);
          if (colList && (COLS_RE.test(tnames[0]!) || COL_GROUP_RE.test(tnames[0]!)))
            ctx.sigs.push({ phase: 'feature_engineering', w: 0.8, ev: `${tnames[0]} = [column names] (feature selection) -> feature_engineering`, src: 'name' });
          else ctx.sigs.push({ phase: 'other', w: 0.5, ev: `${tnames[0] ?? '?'} = literal (constant) -> other`, src: 'name' });
          if (tnames.length === 1 && (value.k === 'dict' || value.k === 'seq' || value.k === 'num')) {
            this.constDefs.set(tnames[0]!, rec);
            if (colList) this.columnLists.add(tnames[0]!);
            this.impure = true;
          } else if (tnames.length > 1 && value.k === 'seq' && value.items.length === tnames.length && value.items.every((x) => x.k === 'num' || (x.k === 'seq' && x.items.length === 0))) {
            // train_losses, val_losses = [], []: several accumulators at once
            for (const n of tnames) this.constDefs.set(n, rec);
            this.impure = true;
          }
        }
      } else if (value && (isSplitIndex(value) || this.constDefs.has(splitFractionName(value) ?? ''))) {
        ctx.sigs.push({ phase: 'data_splitting', w: 0.9, ev: `shape: ${tnames[0]} = a fraction of len(...) (split point) -> data_splitting`, src: 'shape' });
        // int(len(rows) * TRAIN_SHARE): the module constant is the split's parameter
        const frac = splitFractionName(value);
        if (frac) ctx.constUses.push({ name: frac, phase: 'data_splitting' });
      } else if (WEIGHT_RE.test(tnames[0] ?? '') && v.taint & T_DATA && v.taint & T_LABEL && ctx.arith) {
        ctx.sigs.push({ phase: 'model_training', w: 1, ev: `shape: ${tnames[0]} solved from features and labels -> model_training`, src: 'shape' });
      } else if (value && value.k === 'comp' && value.filter && tnames.some((n) => rhsNames.has(n))) {
        ctx.sigs.push({ phase: 'data_cleaning', w: 0.9, ev: `shape: ${tnames[0]} filtered by a comprehension -> data_cleaning`, src: 'shape' });
      } else if (ctx.errorShape) {
        ctx.sigs.push({ phase: 'model_evaluation', w: 1, ev: `shape: ${tnames[0]} = predictions compared with labels -> model_evaluation`, src: 'shape' });
      } else if (ctx.unknownCalls.some((c) => LOAD_FN_RE.test(c))) {
        const c = ctx.unknownCalls.find((x) => LOAD_FN_RE.test(x))!;
        ctx.sigs.push({ phase: 'data_loading', w: 1, ev: `${c}(...) (loader by name) -> data_loading`, src: 'name' });
      } else if (value && value.k === 'call' && value.fn.k === 'attr' && tnames.length === 1 && attrRoot(value.fn.obj) === tnames[0] && (v.t === 'pandas.DataFrame' || v.t === 'pandas.Series') && !ctx.arith) {
        ctx.sigs.push({ phase: 'data_cleaning', w: 0.8, ev: `shape: ${tnames[0]} reorganised in place (${value.fn.attr}) -> data_cleaning`, src: 'shape' });
      } else if (ctx.mask && v.taint & T_DATA && !(v.taint & T_METRIC) && v.sum) {
        ctx.sigs.push({ phase: 'data_exploration', w: 0.7, ev: `shape: ${tnames[0]} = entries of a summary selected -> data_exploration`, src: 'shape' });
      } else if (value && tnames.length === 1 && METRIC_RE.test(tnames[0]!) && !PRED_RE.test(tnames[0]!) && this.isPrealloc(value)) {
        const ph: Phase = 'model_evaluation';
        ctx.sigs.push({ phase: ph, w: 0.6, ev: `${tnames[0]} = empty container for results -> ${ph}`, src: 'name' });
      } else if (ctx.mask && v.taint & T_DATA && !(v.taint & T_METRIC) && !v.sum) {
        ctx.sigs.push({ phase: 'data_cleaning', w: 0.9, ev: `shape: rows filtered by a condition -> data_cleaning`, src: 'shape' });
      } else if (value && value.k === 'sub' && tnames.length === 1 && value.obj.k === 'name' && value.obj.id === tnames[0] && !FEATURE_RE.test(tnames[0]!) && !LABEL_RE.test(tnames[0]!) && v.taint & T_DATA && value.idx.length === 1 && value.idx[0]!.k === 'seq' && value.idx[0]!.items.length > 0 && value.idx[0]!.items.every((x) => x.k === 'str')) {
        ctx.sigs.push({ phase: 'data_cleaning', w: 0.8, ev: `shape: ${tnames[0]} reduced to columns [...] -> data_cleaning`, src: 'shape' });
      } else if (value && value.k === 'call' && value.fn.k === 'attr' && tnames.length === 1 && attrRoot(value.fn.obj) === tnames[0] && v.taint & T_DATA && !ctx.arith && v.t !== 'pandas.DataFrame' && v.t !== 'pandas.Series') {
        ctx.sigs.push({ phase: 'feature_engineering', w: 0.7, ev: `shape: ${tnames[0]} reshaped from itself (${value.fn.attr}) -> feature_engineering`, src: 'shape' });
      } else if (tnames.some((n) => rhsNames.has(n)) && v.taint & (T_DATA | T_LABEL) && (ctx.arith || ctx.unknownCalls.length > 0)) {
        ctx.sigs.push({ phase: 'feature_engineering', w: 0.9, ev: `shape: ${tnames.find((n) => rhsNames.has(n))} transformed from itself -> feature_engineering`, src: 'shape' });
      } else if (tnames.some((n) => (FEATURE_RE.test(n) || LABEL_RE.test(n)) && !PRED_RE.test(n)) && v.taint & T_DATA) {
        ctx.sigs.push({ phase: 'feature_engineering', w: 0.9, ev: `shape: features/target ${tnames.join(', ')} selected -> feature_engineering`, src: 'shape' });
      } else if (tnames.some((n) => METRIC_RE.test(n)) && v.taint & (T_PRED | T_LABEL | T_MODEL) && (v.taint & (T_PRED | T_LABEL | T_MODEL | T_METRIC)) !== T_PRED) {
        ctx.sigs.push({ phase: 'model_evaluation', w: 0.8, ev: `shape: ${tnames[0]} computed from predictions/labels -> model_evaluation`, src: 'name' });
      } else if (tnames.length === 1 && ID_RE.test(tnames[0]!) && value && value.k === 'sub' && v.taint & T_DATA && value.idx.length === 1 && value.idx[0]!.k === 'str') {
        ctx.sigs.push({ phase: 'feature_engineering', w: 0.6, ev: `shape: id column ${tnames[0]} set aside -> feature_engineering`, src: 'shape' });
      } else if (v.taint & T_METRIC && !(v.taint & T_PRED) && value && value.k !== 'dict' && !isLiteral(value) && this.onlyScoresRead(rhsNames, ctx)) {
        ctx.sigs.push({ phase: 'model_evaluation', w: 0.6, ev: `def-use: ${tnames[0]} derived from scores -> model_evaluation`, src: 'name' });
      } else if (v.taint & T_PRED && !(v.taint & T_METRIC)) {
        ctx.sigs.push({ phase: 'prediction', w: 0.8, ev: `shape: ${tnames[0]} holds predictions -> prediction`, src: 'shape' });
      } else if (v.taint & T_DATA && ctx.arith && !ctx.fn && ctx.loopVars.size === 0) {
        ctx.sigs.push({ phase: 'feature_engineering', w: 0.6, ev: `shape: derived values ${tnames[0]} -> feature_engineering`, src: 'shape' });
      } else if (v.origin && v.origin !== 'other' && v.origin !== 'setup' && value && value.k === 'call' && rhsNames.size > 0) {
        ctx.sigs.push({ phase: v.origin, w: 0.5, ev: `def-use: ${tnames[0]} continues ${v.origin} -> ${v.origin}`, src: 'name' });
      }
    } else if (nameTargets.length > 0 && onlyDrop && tnames.some((n) => (FEATURE_RE.test(n) || LABEL_RE.test(n)) && !PRED_RE.test(n) && !rhsNames.has(n)) && v.taint & T_DATA) {
      // X = df.drop('price', axis=1)  → selection of features, not cleaning
      const drop = ctx.sigs.filter((s) => s.phase === 'data_cleaning' || s.phase === 'data_exploration');
      for (const d of drop) d.w *= 0.3;
      ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: `shape: features/target ${tnames.join(', ')} selected -> feature_engineering`, src: 'shape' });
    }
    if (strong && value && value.k === 'bin' && op === null && tnames.some((n) => rhsNames.has(n)) && v.taint & T_DATA && ctx.sigs.some((x) => x.phase === 'data_cleaning') && !ctx.sigs.some((x) => x.phase === 'feature_engineering')) {
      // x = x.astype('float32') / 255.0: the arithmetic is the point (scaling)
      for (const x of ctx.sigs) if (x.phase === 'data_cleaning') x.w *= 0.5;
      ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: `shape: ${tnames[0]} rescaled from itself -> feature_engineering`, src: 'shape' });
    }
    if (op !== null && ctx.loopVars.size > 0 && tnames.some((n) => WEIGHT_RE.test(n)) && value && mentions(value, GRAD_RE)) {
      if (!ctx.sigs.some((s) => s.phase === 'model_training')) ctx.sigs.push({ phase: 'model_training', w: 1.2, ev: `shape: ${tnames[0]} updated from a gradient -> model_training`, src: 'shape' });
    }
    this.unknownCallFallback(ctx, tnames[0] ?? null);
    // a = user_fn(...): the function's own primary phase is the statement's primary phase; the names and
    // shapes around the call may only add secondary phases
    if (value && value.k === 'call' && value.fn.k === 'name') this.keepUserPrimary(value.fn.id, ctx);

    // bind the targets
    const top = provisionalTop(ctx.sigs);
    const origin: Phase | null = top ?? v.origin;
    for (const t of targets) this.bind(t, value, v, origin, ctx);
  }

  private keepUserPrimary(fname: string, ctx: Ctx): void {
    const fv = ctx.scope.get(fname);
    const uf = fv?.fn;
    const primary = uf?.phases[0]?.[0];
    if (!uf || !primary || primary === 'other' || primary === 'setup') return;
    const w = phaseWeights(ctx.sigs);
    const pw = w.get(primary) ?? 0;
    if (pw <= 0) return;
    let top = 0;
    for (const [p, x] of w) if (p !== primary && x > top) top = x;
    if (top < pw) return;
    const scale = (pw * 0.9) / top;
    for (const s of ctx.sigs) if (s.phase !== primary) s.w *= scale;
  }

  private bind(t: Expr, value: Expr | null, v: Val, origin: Phase | null, ctx: Ctx): void {
    if (t.k === 'name') {
      const nv = nameVal(t.id);
      let taint = v.taint | phaseTaint(origin);
      if (!v.fn && !v.ucls && !v.mod && !(v.taint & T_MODEL)) taint |= nv.taint & ((v.taint & T_PRED ? 0 : T_METRIC) | T_PRED | T_LABEL | (v.t === null ? T_DATA | T_MODEL : 0));
      // a submission frame holds predictions (its id column does not make it data)
      if (SUBMISSION_RE.test(t.id) && taint & T_PRED) taint &= ~(T_DATA | T_LABEL);
      if (nv.taint & T_PRED && taint & T_MODEL && !(v.taint & T_MODEL)) taint = (taint & ~T_MODEL) | T_PRED;
      ctx.scope.set(t.id, { ...v, t: v.t ?? nv.t, taint, origin: origin ?? v.origin });
      return;
    }
    if (t.k === 'seq') {
      const vals = value && value.k === 'seq' && value.items.length === t.items.length ? value.items : null;
      t.items.forEach((it, i) => {
        if (vals) {
          const sub = this.expr(vals[i]!, this.newCtx(ctx.scope, ctx.fn, ctx.line, ctx.cell, ctx.offset, ctx.loopVars), 0, false);
          this.bind(it, vals[i]!, sub, origin, ctx);
        } else this.bind(it, null, { ...v, lit: undefined }, origin, ctx);
      });
    }
  }

  private subscriptTarget(t: Extract<Expr, { k: 'sub' }>, value: Expr | null, ctx: Ctx, strong: boolean): void {
    const sub = this.newCtx(ctx.scope, ctx.fn, ctx.line, ctx.cell, ctx.offset, ctx.loopVars);
    const base = this.expr(t.obj, sub, 0, false);
    for (const i of t.idx) this.expr(i, sub, 0, false);
    const root = attrRoot(t.obj);
    if (base.mod || (root && /^(plt|mpl|matplotlib|pd|os)$/.test(root) && !ctx.scope.get(root))) {
      ctx.sigs.push({ phase: 'setup', w: 1, ev: `${exprText(t)} = ... (configuration) -> setup`, src: 'kb' });
      return;
    }
    if (value && ctx.compare && !sub.mask && !t.idx.some((i) => i.k === 'cmp') && (base.taint & (T_DATA | T_LABEL) || base.t !== null) && ctx.sigs.every((x) => x.phase !== 'prediction')) {
      // df['y'] = (df['y'] == '>50K').astype(int): an indicator / encoding
      for (const x of ctx.sigs) if (x.phase === 'data_cleaning') x.w *= 0.3;
      ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: 'shape: indicator column from a comparison -> feature_engineering', src: 'shape' });
      return;
    }
    if (value && (isMaskedNumericRecode(t.idx, value) || chainHasRecode(value)) && !ctx.sigs.some((x) => x.phase === 'prediction')) {
      // rules/encoding.ts: categories recoded as numbers are feature engineering, not cleaning
      for (const x of ctx.sigs) if (x.phase === 'data_cleaning') x.w *= 0.3;
      ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: 'shape: categories recoded as numbers -> feature_engineering', src: 'shape' });
      return;
    }
    const root0 = attrRoot(t.obj);
    if (root0 && value) {
      const vt = this.lastValueTaint;
      const bv = ctx.scope.get(root0);
      if (bv && vt & T_PRED) ctx.scope.set(root0, { ...bv, taint: SUBMISSION_RE.test(root0) ? (bv.taint | T_PRED) & ~(T_DATA | T_LABEL) : bv.taint | T_PRED });
    }
    if (root0 && value && SUBMISSION_RE.test(root0) && (SUBMISSION_STRONG_RE.test(root0) || (ctx.scope.get(root0)?.taint ?? 0) & T_PRED) && !ctx.sigs.some((x) => x.phase === 'model_persistence' || x.phase === 'prediction')) {
      // sub['SalePrice'] = preds / submission['id'] = submission.id.astype(int): filling the submission
      for (const x of ctx.sigs) x.w *= 0.3;
      ctx.sigs.push({ phase: 'prediction', w: 1, ev: `${root0}[...] = ... (submission frame) -> prediction`, src: 'name' });
      ctx.sigs.push({ phase: 'model_persistence', w: 0.7, ev: `${root0}[...] = ... (submission frame, written out) -> model_persistence`, src: 'name' });
      return;
    }
    if (strong && value && ctx.rawArith && !ctx.sigs.some((x) => x.phase === 'feature_engineering' || x.phase === 'prediction' || x.phase === 'model_training')) {
      const nk = new Set<string>();
      for (const i of t.idx) collectStrings(i, nk);
      if (nk.size > 0 && ![...nk].some((k) => ctx.strings.has(k)) && base.taint & (T_DATA | T_LABEL)) {
        // df['age_x_qual'] = (df['YrSold'].astype(int) - df['YearBuilt']) * df['Qual']: a derived column
        for (const x of ctx.sigs) if (x.phase === 'data_cleaning') x.w *= 0.5;
        ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: `shape: new column ${[...nk].map((k) => `'${k}'`).join(', ')} computed -> feature_engineering`, src: 'shape' });
        return;
      }
    }
    if (strong || !value) return;
    if (!(base.taint & (T_DATA | T_LABEL)) && base.t === null) {
      if (isLiteral(value)) ctx.sigs.push({ phase: 'other', w: 0.4, ev: 'item assignment of a constant -> other', src: 'fallback' });
      return;
    }
    const keys = new Set<string>();
    for (const i of t.idx) collectStrings(i, keys);
    const masked = sub.mask || t.idx.some((i) => i.k === 'cmp' || (i.k === 'bin' && (i.op === '&' || i.op === '|')) || i.k === 'unary');
    const keyInRhs = [...keys].some((k) => ctx.strings.has(k));
    if (masked) {
      ctx.sigs.push({ phase: 'data_cleaning', w: 0.9, ev: `shape: values replaced where a condition holds -> data_cleaning`, src: 'shape' });
    } else if (keys.size > 0 && !keyInRhs && !isLiteral(value)) {
      ctx.sigs.push({ phase: 'feature_engineering', w: 0.9, ev: `shape: new column ${[...keys].map((k) => `'${k}'`).join(', ')} derived -> feature_engineering`, src: 'shape' });
    } else if (keys.size === 0 && t.idx.some((i) => i.k === 'bin' || i.k === 'call' || i.k === 'name')) {
      ctx.sigs.push({ phase: 'feature_engineering', w: 0.9, ev: 'shape: computed column derived -> feature_engineering', src: 'shape' });
    } else if (keys.size > 0 && keyInRhs && (ctx.arith || ctx.numeric)) {
      ctx.sigs.push({ phase: 'feature_engineering', w: 0.8, ev: `shape: column ${[...keys].map((k) => `'${k}'`).join(', ')} rescaled -> feature_engineering`, src: 'shape' });
    } else if (keys.size > 0 && keyInRhs) {
      ctx.sigs.push({ phase: 'data_cleaning', w: 0.8, ev: `shape: column ${[...keys].map((k) => `'${k}'`).join(', ')} rewritten in place -> data_cleaning`, src: 'shape' });
    } else if (isLiteral(value)) {
      ctx.sigs.push({ phase: 'feature_engineering', w: 0.6, ev: 'shape: constant column -> feature_engineering', src: 'shape' });
    } else {
      ctx.sigs.push({ phase: 'feature_engineering', w: 0.6, ev: 'shape: column assignment -> feature_engineering', src: 'shape' });
    }
  }

  private unknownCallFallback(ctx: Ctx, target: string | null): void {
    if (hasAny(ctx.sigs)) return;
    const c = ctx.unknownCalls.find((x) => LOAD_FN_RE.test(x));
    if (c) {
      ctx.sigs.push({ phase: 'data_loading', w: 0.8, ev: `${c}(...) (loader by name) -> data_loading`, src: 'name' });
      return;
    }
    void target;
  }

  private block(kind: string, heads: Expr[], targets: Expr[], body: Stmt[], ctx: Ctx, rec: Rec, loopVars: Set<string>): void {
    let iterVal: Val = EMPTY;
    for (const h of heads) iterVal = this.expr(h, ctx, 0.8, false);
    const innerLoop = new Set(loopVars);
    const isLoop = kind === 'for' || kind === 'while';
    let literalCandidates = false;
    if (kind === 'for') {
      const names: string[] = [];
      for (const t of targets) collectTargetNames(t, names);
      const splitIter = iterVal.t === 'Split' || ctx.sigs.some((s) => s.phase === 'data_splitting');
      if (!splitIter) for (const n of names) innerLoop.add(n);
      literalCandidates = heads.some((h) => h.k === 'seq' && h.items.length > 1 && h.items.every((x) => x.k === 'num' || x.k === 'str'));
      for (const t of targets) {
        const vv: Val = splitIter ? { ...EMPTY, t: 'Split', taint: T_DATA, origin: 'data_splitting' } : iterVal.taint & T_MODEL ? { ...EMPTY, taint: T_MODEL } : { ...EMPTY, taint: iterVal.taint & (T_DATA | T_METRIC) };
        this.bind(t, null, vv, null, ctx);
      }
    } else {
      for (const t of targets) this.bind(t, null, iterVal, null, ctx);
    }
    if (kind === 'while') innerLoop.add('__while__');
    const bodyRecs: Rec[] = [];
    const savedLen = ctx.fn ? ctx.fn.records.length : 0;
    const savedMut = this.parentMutated;
    this.parentMutated = ctx.mutated;
    for (const s of body) {
      const r = this.statement(s, ctx.scope, ctx.fn, ctx.cell, ctx.offset, isLoop ? innerLoop : loopVars);
      if (r) bodyRecs.push(r);
    }
    this.parentMutated = savedMut;
    // body statements of a block are not separate records of the function
    if (ctx.fn) ctx.fn.records.length = savedLen;
    const bodySigs: Signal[] = [];
    for (const r of bodyRecs) bodySigs.push(...r.sigs);
    const gradient = bodySigs.some((s) => s.src === 'shape' && s.phase === 'model_training' && /updated/.test(s.ev));
    const tuning = bodySigs.some((s) => s.phase === 'hyperparameter_tuning' && s.src === 'shape') ||
      (kind === 'for' && literalCandidates && bodySigs.some((s) => s.phase === 'model_training' && (s.src === 'kb' || s.src === 'user')));
    // each body statement votes once for its own phases (a constructor plus fit is not twice the evidence of a predict)
    let trainingVotes = 0;
    const seenPhase = new Set<Phase>();
    for (const r of bodyRecs) {
      if (r.loop) rec.loop = true;
      const w = phaseWeights(r.sigs.filter((x) => !(gradient && x.src === 'shape' && x.phase === 'model_evaluation') && x.src !== 'inherit'));
      let top = 0;
      for (const x of w.values()) top = Math.max(top, x);
      if (top <= 0) continue;
      for (const [p, x] of w) {
        if (x < top * SECONDARY_RATIO) continue;
        const best = r.sigs.filter((y) => y.phase === p || (p === 'visualization' && y.phase === 'plot?')).sort((a, b) => b.w - a.w)[0];
        let vote = (x / top) * Math.min(1.5, Math.max(0.6, top)) * (seenPhase.has(p) ? 0.3 : 1);
        seenPhase.add(p);
        if (tuning && (p === 'model_training' || p === 'model_evaluation' || p === 'prediction')) {
          trainingVotes += vote;
          vote *= 0.4;
        }
        ctx.sigs.push({ phase: best?.phase ?? p, w: vote, ev: best?.ev ?? `loop body -> ${p}`, src: best?.src ?? 'shape' });
      }
    }
    if (tuning) {
      ctx.sigs.push({ phase: 'hyperparameter_tuning', w: 1.5 + trainingVotes, ev: 'shape: loop trains a model for each candidate value -> hyperparameter_tuning', src: 'shape' });
      const iterName = heads[0]?.k === 'name' ? heads[0].id : null;
      const cd = iterName ? this.constDefs.get(iterName) : undefined;
      if (cd) this.impure = true;
      if (cd && cd.sigs.length === 1 && cd.sigs[0]!.phase === 'other')
        cd.sigs[0] = { phase: 'hyperparameter_tuning', w: 0.8, ev: `def-use: ${iterName} holds the candidates of a tuning loop -> hyperparameter_tuning`, src: 'name' };
    }
    if (isLoop) rec.loop = true;
  }

  // ---------------------------------------------------------------------- expressions

  /** the names read are score containers (results, importances) and no raw data */
  private onlyScoresRead(names: Set<string>, ctx: Ctx): boolean {
    let score = false;
    for (const n of names) {
      const v = ctx.scope.get(n);
      if (!v || v.mod || v.fn) continue;
      if (v.sum || v.origin === 'data_exploration') return false;
      if (v.taint & T_METRIC) score = true;
      else if (v.taint & (T_DATA | T_LABEL | T_PRED)) return false;
    }
    return score;
  }

  /** preallocation of a result container: oof = np.zeros(len(df)) / feature_importance = pd.DataFrame() */
  private isPrealloc(value: Expr): boolean {
    if (value.k !== 'call') return false;
    const t = exprText(value.fn).replace(/\(\.\.\.\)$/, '');
    return /(^|\.)(zeros|empty|ones|full|zeros_like|empty_like)$/.test(t) || (/(^|\.)(DataFrame|Series)$/.test(t) && value.args.length === 0 && value.kw.length === 0);
  }

  /** len(df) / len(train), len(test): sizes of data sets */
  private isSizeOfData(e: Expr, ctx: Ctx): boolean {
    if (e.k === 'seq') return e.items.length > 0 && e.items.every((x) => this.isSizeOfData(x, ctx));
    if (e.k !== 'call' || e.fn.k !== 'name' || e.fn.id !== 'len' || e.args.length !== 1) return false;
    const r = attrRoot(e.args[0]!);
    const v = r ? ctx.scope.get(r) : undefined;
    return !!v && (v.taint & (T_DATA | T_LABEL)) !== 0 && !v.mod;
  }

  private displayOf(v: Val, e: Expr, ctx: Ctx, what: string): void {
    if (e.k === 'call' && ctx.sigs.length > 0) return;
    let phase: Phase | null = null;
    if (v.origin === 'hyperparameter_tuning' || v.origin === 'data_exploration') phase = v.origin;
    else if (v.taint & T_METRIC) phase = 'model_evaluation';
    else if (v.taint & T_PRED) phase = 'prediction';
    else if (v.t === 'pandas.GroupBy' || v.taint & (T_DATA | T_LABEL)) phase = 'data_exploration';
    else if (v.taint & T_MODEL) phase = 'model_training';
    else if (v.origin) phase = v.origin;
    if (phase) ctx.sigs.push({ phase, w: 0.7, ev: `display of ${what} -> ${phase}`, src: 'name' });
    else if (e.k === 'call' || e.k === 'name' || e.k === 'attr') {
      if (ctx.unknownCalls.length === 0) ctx.sigs.push({ phase: 'other', w: 0.3, ev: `display of ${what} -> other`, src: 'fallback' });
    }
  }

  private expr(e: Expr, ctx: Ctx, mult: number, top: boolean): Val {
    switch (e.k) {
      case 'name': {
        ctx.names.add(e.id);
        const v = ctx.scope.get(e.id);
        if (v) return v;
        const builtin = this.kb.lookup(e.id);
        if (builtin) return { ...EMPTY, q: e.id, mod: true };
        for (const star of this.stars) {
          const q = `${star}.${e.id}`;
          if (this.kb.lookup(q)) return { ...EMPTY, q, mod: true };
        }
        return nameVal(e.id);
      }
      case 'attr': {
        const o = this.expr(e.obj, ctx, mult * 0.9, false);
        const um = o.umod ? this.memberOf(o.umod, e.attr) : null;
        if (um) return um;
        if (o.mod && o.q) {
          if (e.attr === '__version__') ctx.sigs.push({ phase: 'setup', w: 1, ev: `${o.q}.__version__ (environment check) -> setup`, src: 'kb' });
          return { ...EMPTY, q: `${o.q}.${e.attr}`, mod: true };
        }
        if (o.inst && ctx.fn?.cls === o.inst) return { ...EMPTY, taint: o.taint };
        const tname = o.t ?? 'any';
        const spec = this.kb.attribute(tname, e.attr) ?? (o.t && this.kb.role(o.t) !== 'data' ? null : this.kb.attribute('any', e.attr));
        if (spec) {
          const n0 = ctx.sigs.length;
          this.emit(spec, `${o.q ?? o.t ?? 'value'}.${e.attr}`, ctx, mult * 0.6, [o], o);
          for (let i = n0; i < ctx.sigs.length; i++) ctx.sigs[i]!.attr = true;
          return this.result(spec, o, [o], o.q);
        }
        if (o.t === 'pandas.DataFrame' || o.t === 'pandas.Series') return { ...o, t: 'pandas.Series', lit: undefined };
        if (METRIC_RE.test(e.attr)) return { ...o, taint: o.taint | T_METRIC, lit: undefined };
        return { ...EMPTY, taint: o.taint & (T_DATA | T_LABEL | T_METRIC | T_PRED), origin: o.origin };
      }
      case 'call':
        return this.call(e, ctx, mult, top);
      case 'sub': {
        const o = this.expr(e.obj, ctx, mult, false);
        const cmpBefore = ctx.compare;
        for (const i of e.idx) {
          if (i.k === 'cmp' || (i.k === 'bin' && (i.op === '&' || i.op === '|')) || (i.k === 'unary' && i.op === '~') || isMaskCall(i)) ctx.mask = true;
          const iv = this.expr(i, ctx, mult * 0.8, false);
          void iv;
          if (i.k === 'name' && this.columnLists.has(i.id) && o.taint & T_DATA) ctx.constUses.push({ name: i.id, phase: 'feature_engineering' });
        }
        ctx.compare = cmpBefore;
        if (o.lit && typeof o.lit === 'object' && !Array.isArray(o.lit)) return { ...EMPTY, taint: o.taint };
        return { ...o, lit: undefined, mod: false };
      }
      case 'num':
        return litVal(e);
      case 'str':
        ctx.strings.add(e.v);
        if (e.parts.length === 0) return litVal(e);
        {
          let taint = 0;
          let origin: Phase | null = null;
          for (const p of e.parts) {
            const pv = this.expr(p, ctx, mult, false);
            taint |= pv.taint;
            origin = origin ?? pv.origin;
          }
          return { ...EMPTY, taint, origin };
        }
      case 'const':
        return EMPTY;
      case 'bin': {
        const l = this.expr(e.l, ctx, mult, false);
        const r = this.expr(e.r, ctx, mult, false);
        if (e.op !== 'and' && e.op !== 'or') {
          ctx.arith = true;
          if (isRawData(l) || isRawData(r)) ctx.rawArith = true;
        }
        if (e.op === '&' || e.op === '|') ctx.mask = ctx.mask || false;
        if (e.op === '-' && isPredVsLabel(l, r)) ctx.errorShape = true;
        let taint = l.taint | r.taint;
        // X @ W with W trained weights: predictions
        if (taint & T_MODEL && taint & T_DATA && !(l.taint & T_MODEL && r.taint & T_MODEL)) taint = (taint & ~T_MODEL) | T_PRED;
        // a summary divided by a size, times 100: still a summary
        const noData = (x: Val): boolean => !(x.taint & (T_DATA | T_LABEL));
        const sum = (l.sum === true || noData(l)) && (r.sum === true || noData(r)) && (l.sum === true || r.sum === true);
        return { ...EMPTY, t: l.t && l.t !== 'Metric' ? l.t : r.t, taint, origin: l.origin ?? r.origin, sum: sum || undefined };
      }
      case 'cmp': {
        ctx.compare = true;
        const vals = e.items.map((x) => this.expr(x, ctx, mult, false));
        for (let i = 0; i + 1 < vals.length; i++) if (isPredVsLabel(vals[i]!, vals[i + 1]!)) ctx.errorShape = true;
        const taint = vals.reduce((a, v) => a | v.taint, 0);
        return { ...EMPTY, t: vals[0]?.t ?? null, taint };
      }
      case 'unary': {
        const v = this.expr(e.e, ctx, mult, false);
        if (e.op === '-' && v.lit !== undefined && typeof v.lit === 'number') return { ...EMPTY, lit: -v.lit };
        return { ...v, lit: undefined };
      }
      case 'seq': {
        let taint = 0;
        const lits: (number | string)[] = [];
        let allLit = true;
        let t: string | null = null;
        let seqOrigin: Phase | null = null;
        let first = true;
        for (const it of e.items) {
          const v = this.expr(it, ctx, mult, false);
          seqOrigin = first ? v.origin : seqOrigin === v.origin ? seqOrigin : null;
          first = false;
          taint |= v.taint;
          t = t ?? v.t;
          if (typeof v.lit === 'number' || typeof v.lit === 'string') lits.push(v.lit);
          else allLit = false;
        }
        if (allLit && e.items.length > 0) return { ...EMPTY, lit: lits, taint };
        return { ...EMPTY, taint, t: e.items.length === 1 ? t : null, origin: seqOrigin };
      }
      case 'dict': {
        const lit: Record<string, LiteralValue> = {};
        let taint = 0;
        e.keys.forEach((k, i) => {
          const vv = this.expr(e.vals[i]!, ctx, mult, false);
          taint |= vv.taint;
          if (k) {
            const kv = this.expr(k, ctx, mult, false);
            if (typeof kv.lit === 'string' && vv.lit !== undefined && (typeof vv.lit !== 'object' || Array.isArray(vv.lit))) lit[kv.lit] = vv.lit as LiteralValue;
          }
        });
        let dOrigin: Phase | null = null;
        let dFirst = true;
        let dSum = e.vals.length > 0;
        for (const x of e.vals) {
          const xv = x.k === 'name' ? ctx.scope.get(x.id) : undefined;
          const o = xv?.origin ?? null;
          if (!xv?.sum) dSum = false;
          dOrigin = dFirst ? o : dOrigin === o ? dOrigin : null;
          dFirst = false;
        }
        if (dSum) return { ...EMPTY, lit, taint, origin: 'data_exploration', sum: true };
        return dOrigin ? { ...EMPTY, lit, taint, origin: dOrigin } : { ...EMPTY, lit, taint };
      }
      case 'lambda':
        return this.expr(e.body, ctx, mult, false);
      case 'comp': {
        let taint = 0;
        for (const p of e.parts) taint |= this.expr(p, ctx, mult, false).taint;
        if (e.filter) ctx.compFilter = true;
        return { ...EMPTY, taint };
      }
      case 'slice': {
        ctx.slice = true;
        for (const p of e.parts) this.expr(p, ctx, mult, false);
        return EMPTY;
      }
      case 'other': {
        let taint = 0;
        let t: string | null = null;
        for (const p of e.parts) {
          const v = this.expr(p, ctx, mult, false);
          taint |= v.taint;
          t = t ?? v.t;
        }
        return { ...EMPTY, taint, t };
      }
    }
  }

  private call(e: Extract<Expr, { k: 'call' }>, ctx: Ctx, mult: number, top: boolean): Val {
    let spec: Spec | null = null;
    let name = '';
    let recv: Val | null = null;
    let user: UserFn | null = null;
    let userClass: UserClass | null = null;
    let classType: string | null = null;
    let qualified: string | null = null;
    const f = e.fn;
    let unknownName: string | null = null;
    let recvSig0 = 0;
    let recvSig1 = 0;

    if (f.k === 'attr') {
      recvSig0 = ctx.sigs.length;
      recv = this.expr(f.obj, ctx, mult * 0.7, false);
      recvSig1 = ctx.sigs.length;
      const member = recv.umod ? this.memberOf(recv.umod, f.attr) : null;
      if (member?.fn || member?.ucls) {
        // helpers.train(...): a function (or class) of the user's module
        user = member.fn ?? null;
        userClass = member.ucls ?? null;
        name = `${recv.q}.${f.attr}`;
        recv = null;
      } else if (recv.mod && recv.q) {
        qualified = `${recv.q}.${f.attr}`;
        if (/^(numpy|np|scipy)\b/.test(this.kb.canonicalize(recv.q))) ctx.numeric = true;
        const c = this.kb.lookup(qualified);
        if (c) {
          spec = c.spec;
          name = this.kb.canonicalize(c.name);
          if (c.kind === 'class') classType = c.type;
        } else {
          name = qualified;
          unknownName = f.attr;
        }
        recv = null;
      } else if (recv.ucls) {
        // Class.method(...) on a user class
        const m = recv.ucls.methods.get(f.attr);
        if (m) user = m;
        name = `${recv.ucls.name}.${f.attr}`;
      } else if (recv.inst && recv.inst.methods.has(f.attr)) {
        user = recv.inst.methods.get(f.attr)!;
        name = `${recv.inst.name}.${f.attr}`;
      } else {
        const tname = recv.t;
        spec = tname ? this.kb.method(tname, f.attr) : null;
        if (!spec || spec.phases.length === 0) {
          const anySpec = this.kb.method('any', f.attr);
          if (anySpec && (!spec || anySpec.phases.length > 0) && !(tname && this.kb.role(tname) === 'figure')) spec = anySpec;
        }
        if (MUTATORS.has(f.attr)) {
          const root = attrRoot(f.obj);
          if (root) ctx.mutated.add(root);
        }
        name = `${recv.q ?? recv.t ?? exprText(f.obj)}.${f.attr}`;
        if (!spec) unknownName = f.attr;
      }
    } else if (f.k === 'name') {
      ctx.names.add(f.id);
      const v = ctx.scope.get(f.id);
      if (v?.fn) {
        user = v.fn;
        name = f.id;
      } else if (v?.ucls) {
        userClass = v.ucls;
        name = f.id;
      } else if (v?.mod && v.q) {
        if (v.q.startsWith('numpy.')) ctx.numeric = true;
        const c = this.kb.lookup(v.q);
        qualified = v.q;
        name = c ? this.kb.canonicalize(c.name) : v.q;
        if (c) {
          spec = c.spec;
          if (c.kind === 'class') classType = c.type;
        } else unknownName = f.id;
      } else if (v && (v.t || v.inst)) {
        recv = v;
        if (v.inst && v.inst.methods.has('__call__')) user = v.inst.methods.get('__call__')!;
        else if (v.inst && v.inst.methods.has('forward')) {
          spec = v.t ? this.kb.method(v.t, '__call__') : null;
        } else spec = v.t ? this.kb.method(v.t, '__call__') : null;
        name = `${v.q ?? v.t ?? f.id}.__call__`;
      } else if (!v) {
        const c = this.kb.lookup(f.id);
        if (c) {
          spec = c.spec;
          name = c.name;
          if (c.kind === 'class') classType = c.type;
        } else {
          for (const star of this.stars) {
            const c2 = this.kb.lookup(`${star}.${f.id}`);
            if (c2) {
              spec = c2.spec;
              name = this.kb.canonicalize(c2.name);
              if (c2.kind === 'class') classType = c2.type;
              break;
            }
          }
          if (!spec) {
            name = f.id;
            unknownName = f.id;
          }
        }
      } else {
        name = f.id;
        unknownName = f.id;
      }
    } else {
      const v = this.expr(f, ctx, mult, false);
      if (v.t) {
        spec = this.kb.method(v.t, '__call__');
        recv = v;
      }
      name = `${v.t ?? 'value'}.__call__`;
    }

    // --- arguments
    const userPhases = user ? (this.summarize(user), user.phases) : userClass ? this.classPhases(userClass) : [];
    const bearing = (spec !== null && spec.phases.some((p) => p !== 'display')) || userPhases.length > 0;
    const isDisplay = spec?.phases.includes('display') ?? false;
    const argMult = isDisplay ? mult : bearing ? mult * 0.5 : mult;
    const argVals: Val[] = [];
    for (const a of e.args) argVals.push(this.expr(a, ctx, argMult, false));
    const kwVals: [string, Val][] = [];
    for (const [k, a] of e.kw) kwVals.push([k, this.expr(a, ctx, argMult, false)]);
    for (const a of e.splat) argVals.push(this.expr(a, ctx, argMult, false));
    const allArgs = [...argVals, ...kwVals.map((x) => x[1])];

    if (unknownName) ctx.unknownCalls.push(unknownName);
    // a function we cannot see (the user's own module, or undefined here): the verb of its name (rules/callee-names.ts)
    const byName = unknownName && !spec && !user && !userClass && (f.k === 'name' || qualified) ? phaseOfCalleeName(unknownName) : null;
    if (byName) ctx.sigs.push({ phase: byName.phase, w: PHASE_WEIGHT[byName.phase] * mult, ev: `${name}() (unseen function that ${byName.why}) -> ${byName.phase}`, src: 'user' });
    // df['clean'] = df['text'].apply(clean_text): a user function handed to apply/map works for the statement
    if (f.k === 'attr' && APPLY_METHODS.has(f.attr) && !user)
      for (const a of e.args) {
        const fv = a.k === 'name' ? ctx.scope.get(a.id) : undefined;
        if (!fv?.fn) continue;
        this.summarize(fv.fn);
        const ph = fv.fn.phases;
        const topW = ph[0]?.[1] ?? 0;
        for (const [p, w] of ph) if (w >= topW * 0.5 && p !== 'other' && p !== 'setup') ctx.sigs.push({ phase: p, w: PHASE_WEIGHT[p] * mult * (w / topW), ev: `${f.attr}(${fv.fn.name}) (user function) -> ${p}`, src: 'user' });
      }

    // --- signals
    if (isDisplay) {
      if (ctx.errorShape && !hasStrong(ctx.sigs)) {
        ctx.sigs.push({ phase: 'model_evaluation', w: 1, ev: 'shape: predictions compared with labels -> model_evaluation', src: 'shape' });
        return EMPTY;
      }
      if (top) {
        const v = allArgs.reduce<Val>((acc, x) => ({ ...acc, taint: acc.taint | x.taint, origin: acc.origin ?? x.origin, t: acc.t ?? x.t }), EMPTY);
        if (!hasStrong(ctx.sigs)) this.displayOf(v, { k: 'name', id: 'print' }, ctx, `${name}(...)`);
      }
      return EMPTY;
    }
    if (spec) {
      // open(path, 'w') writes
      if ((name === 'open' || name === 'io.open' || name === 'gzip.open') && allArgs.some((a) => typeof a.lit === 'string' && /^[wax]b?\+?$|^[wax]t$/.test(a.lit))) {
        spec = { phases: ['model_persistence'], returns: null };
      }
      if ((classType === 'sklearn.Pipeline' || name === 'sklearn.pipeline.make_pipeline') && !allArgs.some((a) => a.taint & T_MODEL)) {
        // a pipeline of transformers only is preprocessing: its steps speak for it
        spec = { phases: [], returns: 'sklearn.Transformer' };
        classType = 'sklearn.Transformer';
      }
      if (f.k === 'attr' && (isNumericRecode(e) || isCategoryCast(e) || isCategoryGrouping(e)) && spec.phases.some((p) => p === 'data_cleaning' || p === 'feature_engineering'))
        spec = { ...spec, phases: ['feature_engineering'] };
      const isOpen = name === 'open' || name === 'io.open';
      this.emit(spec, name, ctx, isOpen ? mult * 0.5 : mult, allArgs, recv);
      // x.map({'male': 0, 'female': 1}).astype(int): a trailing type conversion serves the operation before it
      if (recv && recvSig1 > recvSig0 && f.k === 'attr' && TYPE_FIX_METHODS.has(f.attr) && spec.phases[0] === 'data_cleaning') {
        let other = false;
        for (let i = recvSig0; i < recvSig1; i++) {
          const x = ctx.sigs[i]!;
          if (x.src === 'kb' && x.phase !== 'data_cleaning' && x.phase !== 'data_exploration' && x.phase !== 'plot?') other = true;
        }
        if (other) for (let i = recvSig1; i < ctx.sigs.length; i++) if (ctx.sigs[i]!.phase === 'data_cleaning') ctx.sigs[i]!.w *= 0.5;
      }
      // df.drop('ID', axis=1).corr() / df.dropna().describe(): the chain serves the inspection at its end
      if (recv && recvSig1 > recvSig0 && spec.phases[0] === 'data_exploration')
        for (let i = recvSig0; i < recvSig1; i++) {
          const x = ctx.sigs[i]!;
          if ((x.phase === 'data_cleaning' || x.phase === 'feature_engineering') && x.src === 'kb') x.w *= 0.5;
        }
    }
    if (user || userClass) {
      const ph = userPhases;
      const topW = ph[0]?.[1] ?? 0;
      for (const [p, w] of ph) {
        if (w < topW * 0.5) continue;
        ctx.sigs.push({ phase: p, w: PHASE_WEIGHT[p] * mult * (w / topW), ev: `${name}() (user ${userClass ? 'class' : 'function'}) -> ${p}`, src: 'user' });
      }
      if (userClass && userClass.baseType && ph.length === 0) {
        const cs = this.kb.construct(userClass.baseType);
        if (cs) this.emit(cs, `${userClass.baseQ ?? userClass.baseType}`, ctx, mult, allArgs, null);
      }
    }

    // --- hyper-parameter candidates
    const trainingLike =
      (classType !== null && ['model', 'search'].includes(this.kb.role(classType) ?? '')) ||
      (spec !== null && spec.phases.some((p) => p === 'model_training' || p === 'hyperparameter_tuning')) ||
      userPhases.some(([p]) => p === 'model_training' || p === 'hyperparameter_tuning');
    if (trainingLike) this.collectParams(e, argVals, kwVals, name, user ?? userClass?.methods.get('__init__') ?? null, ctx);
    if (ctx.loopVars.size > 0 && (classType !== null || /\.(fit|train|compile)$/.test(name)) && trainingLike) {
      const refs = [...e.kw.map((k) => k[1]), ...(classType !== null ? e.args : [])];
      const hit = refs.find((x) => refersTo(x, ctx.loopVars));
      if (hit) ctx.sigs.push({ phase: 'hyperparameter_tuning', w: 1.5 * mult, ev: `shape: ${name}() built from loop variable -> hyperparameter_tuning`, src: 'shape' });
    }

    // --- result value
    if (user) {
      if (user.phases.length === 0) {
        if (!user.external) user.callers.push({ sigs: ctx.sigs, fn: ctx.fn });
        this.impure = true;
        let taint = 0;
        for (const a of allArgs) taint |= a.taint;
        if (taint & T_MODEL) taint = (taint & ~T_MODEL) | T_PRED;
        return { ...EMPTY, taint: taint | user.ret.taint };
      }
      const r = user.ret;
      return { ...r, lit: undefined };
    }
    if (userClass) {
      const bt = userClass.baseType;
      return { ...EMPTY, t: bt, q: userClass.baseQ ?? userClass.name, inst: userClass, taint: roleTaint(this.kb.role(bt)) | T_MODEL * (bt ? 0 : 0) };
    }
    if (spec) return this.result(spec, recv, allArgs, classType ? name : (recv?.q ?? null));
    // unknown call: the value derives from its arguments and receiver
    let taint = recv ? recv.taint : 0;
    for (const a of allArgs) taint |= a.taint;
    // f(X, W) with W a trained model/weights yields predictions
    if (taint & T_MODEL) taint = (taint & ~T_MODEL) | T_PRED;
    return { ...EMPTY, taint, t: recv?.t && this.kb.role(recv.t) === 'data' ? recv.t : null };
  }

  private classPhases(uc: UserClass): [Phase, number][] {
    const acc = new Map<Phase, number>();
    for (const m of uc.methods.values()) {
      this.summarize(m);
      for (const [p, w] of m.phases) acc.set(p, (acc.get(p) ?? 0) + w);
    }
    if (uc.baseType) {
      const cs = this.kb.construct(uc.baseType);
      for (const p of cs?.phases ?? []) if (p !== 'plot' && p !== 'display') acc.set(p, (acc.get(p) ?? 0) + 2);
    }
    return [...acc.entries()].sort((a, b) => b[1] - a[1]);
  }

  private result(spec: Spec, recv: Val | null, args: Val[], q: string | null): Val {
    const r = spec.returns;
    if (r === null) return EMPTY;
    if (r === 'self') {
      const base = recv ?? EMPTY;
      const ph = spec.phases.find((p): p is Phase => p !== 'plot' && p !== 'display');
      const sum = (ph === 'data_exploration' && !(base.taint & (T_METRIC | T_PRED | T_MODEL))) || (ph === undefined && base.sum === true);
      return { ...base, lit: undefined, mod: false, origin: ph ?? base.origin, taint: base.taint | (ph && base.taint & T_MODEL ? phaseTaint(ph) : 0), sum: sum || undefined };
    }
    if (r === 'arg0') {
      const a = args[0] ?? EMPTY;
      return { ...a, lit: undefined, mod: false };
    }
    const role = this.kb.role(r);
    let taint = roleTaint(role);
    // model.predict(X) is predictions before it is bound to any name
    if (spec.phases.includes('prediction')) taint |= T_PRED;
    if (spec.phases.length === 0 || spec.phases.every((p) => p === 'plot')) for (const a of args) taint |= a.taint & (T_DATA | T_LABEL | T_PRED | T_METRIC);
    if (recv && (role === 'data' || role === null || role === 'figure') && spec.phases.length === 0) taint |= recv.taint & (T_DATA | T_LABEL | T_PRED | T_METRIC);
    else if (recv && role === 'data' && recv.taint & T_METRIC && !(recv.taint & T_PRED)) taint |= T_METRIC;
    // preds.astype(int) / preds.round(): transformed predictions are still predictions
    if (recv && (role === 'data' || role === 'pred' || role === null) && recv.taint & T_PRED && !(recv.taint & T_MODEL)) taint |= T_PRED;
    // a summary (describe, isnull().sum(), value_counts) stays a summary through phase-neutral calls
    let origin: Phase | null = spec.phases[0] === 'data_exploration' && role === 'data' && !(recv && recv.taint & (T_METRIC | T_PRED | T_MODEL)) ? 'data_exploration' : null;
    if (!origin && spec.phases.length === 0 && recv && recv.sum && (role === 'data' || role === null)) origin = 'data_exploration';
    let sum = origin !== null;
    if (!origin && spec.phases.length === 0 && !recv && args.length > 0 && (role === 'data' || role === null) && args.every((a) => a.origin === 'data_exploration')) {
      origin = 'data_exploration';
      sum = args.every((a) => a.sum);
    }
    return origin ? { ...EMPTY, t: r, q, taint, origin, sum: sum || undefined } : { ...EMPTY, t: r, q, taint };
  }

  private emit(spec: Spec, name: string, ctx: Ctx, mult: number, args: Val[], recv: Val | null): void {
    for (const p of spec.phases) {
      if (p === 'display') continue;
      if (p === 'plot') {
        let taint = 0;
        for (const a of args) taint |= a.taint | phaseTaint(a.origin);
        if (recv) taint |= recv.taint | (this.kb.role(recv.t) !== 'figure' ? phaseTaint(recv.origin) : 0);
        // every figure is visualization, whether it shows raw data or results (issue 13: the coarse classes of
        // the notebook benchmarks put plots of data under Visualization, not Data Preparation)
        const ph: SigPhase = 'visualization';
        void taint;
        ctx.sigs.push({ phase: ph, w: 0.85 * mult, ev: `${name} -> ${ph}`, src: 'kb' });
        continue;
      }
      let ph: Phase = p;
      if (p === 'data_exploration' && recv && recv.taint & T_METRIC && !(recv.taint & T_DATA && !(recv.taint & T_METRIC))) ph = 'model_evaluation';
      if (recv && recv.taint & T_PRED && !(recv.taint & T_DATA) && (p === 'data_cleaning' || p === 'feature_engineering' || p === 'data_exploration')) ph = 'prediction';
      if (recv && recv.sum && (p === 'data_cleaning' || p === 'feature_engineering') && !(recv.taint & (T_PRED | T_MODEL))) ph = 'data_exploration';
      if (!recv && (p === 'data_cleaning' || p === 'feature_engineering') && args.length > 0 && args.every((a) => a.origin === 'data_exploration' || a.lit !== undefined) && args.some((a) => a.origin === 'data_exploration'))
        ph = 'data_exploration';
      ctx.sigs.push({ phase: ph, w: PHASE_WEIGHT[ph] * mult, ev: `${name} -> ${ph}`, src: 'kb' });
    }
  }

  private collectParams(e: Extract<Expr, { k: 'call' }>, args: Val[], kw: [string, Val][], callee: string, user: UserFn | null, ctx: Ctx): void {
    const line = e.line + ctx.offset + 1;
    const push = (pname: string | null, v: Val): void => {
      if (v.lit === undefined) return;
      if (typeof v.lit === 'object' && !Array.isArray(v.lit)) {
        for (const [k, x] of Object.entries(v.lit)) this.params.push({ name: k, value: x, line, cell: ctx.cell, call: callee });
        return;
      }
      this.params.push({ name: pname, value: v.lit, line, cell: ctx.cell, call: callee });
    };
    const userParams = user ? user.params.filter((p) => p.name !== 'self') : null;
    const callPhase: Phase = /search|optuna|hyperopt|Search/.test(callee) ? 'hyperparameter_tuning' : 'model_training';
    for (const a of [...e.args, ...e.kw.map((k) => k[1]), ...e.splat]) if (a.k === 'name') ctx.constUses.push({ name: a.id, phase: callPhase });
    args.forEach((a, i) => {
      if (i >= e.args.length) {
        push(null, a); // **splat
        return;
      }
      push(userParams?.[i]?.name.replace(/^\*+/, '') ?? null, a);
    });
    for (const [k, v] of kw) push(k, v);
  }

  // ---------------------------------------------------------------------- finish

  finish(file: string, sha: string): FileAnalysis {
    for (const uf of this.fns) this.summarize(uf);
    // helpers without a phase of their own (pure arithmetic) take the phase of the code that calls them
    for (let round = 0; round < 2; round++) {
      for (const uf of this.fns) {
        if (uf.phases.length > 0 || uf.callers.length === 0) continue;
        const votes = new Map<Phase, number>();
        for (const c of uf.callers) {
          const p = provisionalTop(c.sigs) ?? c.fn?.phases[0]?.[0] ?? null;
          if (p && p !== 'other' && p !== 'setup') votes.set(p, (votes.get(p) ?? 0) + 1);
        }
        const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
        if (!best) continue;
        uf.phases = [[best[0], 1]];
        for (const r of uf.records) if (!r.sigs.some((x) => x.src === 'kb' || x.src === 'user' || x.src === 'shape'))
          r.sigs.push({ phase: best[0], w: 0.5, ev: `${uf.name}() is called for ${best[0]} -> ${best[0]}`, src: 'inherit' });
      }
    }
    // def statements get their function's phases; class statements the union of their methods
    const all: Rec[] = [...this.records];
    const seen = new Set<Rec>(all);
    for (const uf of this.fns) {
      for (const r of uf.records) if (!seen.has(r)) {
        seen.add(r);
        all.push(r);
      }
      if (uf.defRec) {
        const r = uf.defRec;
        r.sigs.length = 0;
        const topW = uf.phases[0]?.[1] ?? 0;
        for (const [p, w] of uf.phases) if (w >= topW * 0.5) r.sigs.push({ phase: p, w: PHASE_WEIGHT[p] * (w / topW), ev: `def ${uf.name}: body -> ${p}`, src: 'user' });
        if (r.sigs.length === 0) r.sigs.push({ phase: 'other', w: 0.3, ev: `def ${uf.name}: empty body -> other`, src: 'fallback' });
        if (!seen.has(r)) {
          seen.add(r);
          all.push(r);
        }
      }
    }
    for (const r of this.records) {
      if (r.isClass) {
        const ph = this.classPhases(r.isClass);
        const topW = ph[0]?.[1] ?? 0;
        r.sigs.length = 0;
        for (const [p, w] of ph) if (w >= topW * 0.5) r.sigs.push({ phase: p, w: PHASE_WEIGHT[p] * (w / topW), ev: `class ${r.isClass.name}: methods -> ${p}`, src: 'user' });
      }
    }
    this.resolvePlots(all);
    for (const r of all) {
      const ratio = r.loop ? LOOP_SECONDARY_RATIO : SECONDARY_RATIO;
      // signal arrays shared with a statement memo never change: their final phases are computed once
      const m = r.memo;
      if (m && m.sigs === r.sigs) {
        if (!m.final || m.finalRatio !== ratio) {
          m.final = finalize(r.sigs, ratio);
          m.finalRatio = ratio;
        }
        r.final = m.final;
        r.sharedFinal = true;
      } else r.final = finalize(r.sigs, ratio);
    }
    all.sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.start - b.start || b.end - a.end || a.seq - b.seq);
    const statements: StatementResult[] = all.map((r) => ({
      start_line: r.start + 1,
      end_line: r.end + 1,
      cell: r.cell,
      // (finals shared with the memo are copied: callers may change their result)
      phases: r.sharedFinal ? r.final!.phases.slice() : r.final!.phases,
      evidence: r.sharedFinal ? r.final!.evidence.slice() : r.final!.evidence,
      confidence: r.final!.confidence,
    }));
    const fnsSorted = [...this.fns].sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.start - b.start);
    const functions: FunctionResult[] = fnsSorted.map((uf) => ({
      name: uf.name,
      start_line: uf.start + 1,
      end_line: uf.end + 1,
      phases: uf.phases.filter(([, w]) => w >= (uf.phases[0]?.[1] ?? 0) * 0.5).map(([p]) => p),
    }));
    for (const uf of fnsSorted) this.functionCells.push(uf.cell);
    const parameters = [...this.params].sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line);
    return { file, sha256: sha, statements, functions, parameters };
  }

  /** Plot statements whose data could not be typed take the phase of the plot statements around them. */
  private resolvePlots(all: Rec[]): void {
    const byScope = new Map<UserFn | null, Rec[]>();
    for (const r of all) {
      const k = r.scope;
      let l = byScope.get(k);
      if (!l) byScope.set(k, (l = []));
      l.push(r);
    }
    for (const list of byScope.values()) {
      list.sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.start - b.start || a.seq - b.seq);
      const plotPhase = (r: Rec): Phase | null => {
        let best: Phase | null = null;
        let bw = 0;
        for (const s of r.sigs)
          if ((s.phase === 'visualization' || s.phase === 'data_exploration') && / -> (visualization|data_exploration)$/.test(s.ev) && s.w > bw) {
            best = s.phase;
            bw = s.w;
          }
        return best;
      };
      // (invariant under the rewrites below, which keep a plot's evidence naming the plot)
      const isPlot = (r: Rec): boolean => {
        if (r.plot !== undefined) return r.plot;
        const m = r.memo && r.memo.sigs === r.sigs ? r.memo : null;
        let p = m?.plot;
        if (p === undefined) {
          p = r.sigs.some((s) => s.phase === 'plot?' || s.ev.includes(' -> visualization') || PLOT_EV_RE.test(s.ev));
          if (m) m.plot = p;
        }
        return (r.plot = p);
      };
      // a run of consecutive plot statements that shows any result (predictions, metrics) is a result figure
      for (let i = 0; i < list.length; ) {
        if (!isPlot(list[i]!)) {
          i++;
          continue;
        }
        let j = i;
        while (j + 1 < list.length && isPlot(list[j + 1]!) && list[j + 1]!.cell === list[i]!.cell) j++;
        const run = list.slice(i, j + 1);
        if (run.length > 1 && run.some((r) => r.sigs.some((x) => x.phase === 'visualization' && x.src === 'kb'))) {
          for (const r of run)
            for (const x of r.sigs)
              if (x.phase === 'data_exploration' && x.src === 'kb' && /^matplotlib\.pyplot\./.test(x.ev)) {
                // copy on write: signal arrays of replayed statements are shared with their memo
                r.sigs = r.sigs.map((y) => (y === x ? { ...x, phase: 'visualization', ev: x.ev.replace(/ -> data_exploration$/, ' -> visualization (with results)') } : y));
              }
        }
        i = j + 1;
      }
      for (let i = 0; i < list.length; i++) {
        const r = list[i]!;
        if (!isPlot(r) || !r.sigs.some((s) => s.phase === 'plot?')) continue;
        let found: Phase | null = null;
        for (let j = i - 1; j >= 0 && !found; j--) {
          const o = list[j]!;
          if (o.cell !== r.cell || !isPlot(o)) break;
          found = plotPhase(o);
        }
        for (let j = i + 1; j < list.length && !found; j++) {
          const o = list[j]!;
          if (o.cell !== r.cell || !isPlot(o)) break;
          found = plotPhase(o);
        }
        const ph: Phase = found ?? (r.trainedBefore ? 'visualization' : 'data_exploration');
        r.sigs = r.sigs.map((s) => (s.phase === 'plot?' ? { ...s, phase: ph, ev: s.ev.replace(/ -> plot$/, ` -> ${ph}`) } : s));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// helpers

/** Records are created with every field set, so that they all share one object shape. */
function newRec(start: number, end: number, cell: number | null, sigs: Signal[], scope: UserFn | null, seq: number, trainedBefore: boolean): Rec {
  return { start, end, cell, sigs, scope, seq, trainedBefore, isDef: undefined, isClass: undefined, loop: false, final: undefined, plot: undefined, sharedFinal: false, memo: null };
}

function hasStrong(sigs: Signal[]): boolean {
  return sigs.some((s) => (s.src === 'kb' || s.src === 'user') && s.phase !== 'other' && s.w >= 0.3);
}

function hasAny(sigs: Signal[]): boolean {
  return sigs.length > 0;
}

function phaseWeights(sigs: Signal[]): Map<Phase, number> {
  // the same evidence repeated in one statement (two torch.tensor(...) calls) counts once
  const m = new Map<Phase, number>();
  const n = sigs.length;
  for (let i = 0; i < n; i++) {
    const s = sigs[i]!;
    const w = s.phase === 'plot?' ? s.w * 0.5 : s.w;
    let dup = false;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const o = sigs[j]!;
      if (o.phase === s.phase && o.ev === s.ev) {
        const ow = o.phase === 'plot?' ? o.w * 0.5 : o.w;
        if (ow > w || (ow === w && j < i)) {
          dup = true;
          break;
        }
      }
    }
    if (dup) continue;
    const p: Phase = s.phase === 'plot?' ? 'visualization' : s.phase;
    m.set(p, (m.get(p) ?? 0) + w);
  }
  return m;
}

function provisionalTop(sigs: Signal[]): Phase | null {
  let best: Phase | null = null;
  let bw = 0;
  for (const [p, w] of phaseWeights(sigs)) if (w > bw) {
    best = p;
    bw = w;
  }
  return best;
}

const PLOT_EV_RE = /plot|seaborn|matplotlib|plotly/;
const SECONDARY_RATIO = 0.6;
const PHASE_INDEX = Object.fromEntries(PHASE_NAMES.map((p, i) => [p, i])) as Record<Phase, number>;
/** loops usually do several things (fit, predict, score per fold): secondary phases are kept more easily */
const LOOP_SECONDARY_RATIO = 0.45;

function finalize(sigs: Signal[], ratio = SECONDARY_RATIO): { phases: Phase[]; evidence: string[]; confidence: number } {
  const w = phaseWeights(sigs);
  if (w.size === 0) return { phases: ['other'], evidence: ['no recognised operation -> other'], confidence: 0.2 };
  // `other` only survives alone
  if (w.size > 1) w.delete('other');
  // a statement that draws a figure is visualization: the summaries it computes to draw it are part of the plot
  if (w.has('visualization') && sigs.some((s) => s.phase === 'visualization' && s.src === 'kb')) w.delete('data_exploration');
  // tuning subsumes the training, scoring and predicting it is made of
  const ht = w.get('hyperparameter_tuning') ?? 0;
  if (ht > 0) {
    let top = 0;
    for (const x of w.values()) top = Math.max(top, x);
    if (ht >= top * 0.5) for (const p of ['model_training', 'model_evaluation', 'prediction'] as const) w.delete(p);
  }
  const sorted = [...w.entries()].sort((a, b) => b[1] - a[1] || PHASE_INDEX[a[0]] - PHASE_INDEX[b[0]]);
  const topW = sorted[0]![1];
  const phases: Phase[] = [];
  let total = 0;
  for (const [p, x] of sorted) {
    total += x;
    if (x >= topW * ratio) phases.push(p);
  }
  const evidence: string[] = [];
  let srcConf = 0;
  for (let pi = 0; pi < phases.length; pi++) {
    const p = phases[pi]!;
    // the two strongest signals of the phase (first one wins ties, as a stable sort would)
    let b1: Signal | null = null;
    let b2: Signal | null = null;
    let conf = 0;
    for (const s of sigs) {
      if (s.phase !== p) continue;
      if (SRC_CONF[s.src] > conf) conf = SRC_CONF[s.src];
      if (!b1 || s.w > b1.w) {
        b2 = b1;
        b1 = s;
      } else if (!b2 || s.w > b2.w) b2 = s;
    }
    if (b1 && !evidence.includes(b1.ev) && evidence.length < 5) evidence.push(b1.ev);
    if (b2 && !evidence.includes(b2.ev) && evidence.length < 5) evidence.push(b2.ev);
    if (pi === 0) srcConf = b1 ? conf : -Infinity;
  }
  const dominance = topW / total;
  const confidence = Math.round(srcConf * (0.55 + 0.45 * dominance) * 100) / 100;
  return { phases, evidence, confidence };
}

/** Vals are immutable: the value of a literal is kept on its IR node (IR chunks are cached across analyses). */
function litVal(e: { v: number | string; val?: unknown }): Val {
  let v = e.val as Val | undefined;
  if (!v) e.val = v = { ...EMPTY, lit: e.v };
  return v;
}

/** data that is not a summary (an aggregate made to inspect it) */
function isRawData(v: Val): boolean {
  return (v.taint & (T_DATA | T_LABEL)) !== 0 && !v.sum;
}

function mergeRet(a: Val, b: Val): Val {
  if (a === EMPTY) return b;
  return { ...a, t: a.t ?? b.t, taint: a.taint | b.taint };
}

function isPredVsLabel(a: Val, b: Val): boolean {
  const predLike = (v: Val): boolean => (v.taint & (T_PRED | T_MODEL)) !== 0;
  const labelLike = (v: Val): boolean => (v.taint & T_LABEL) !== 0;
  return (predLike(a) && labelLike(b) && !(a.taint & T_LABEL && !(a.taint & T_PRED))) || (predLike(b) && labelLike(a) && !(b.taint & T_LABEL && !(b.taint & T_PRED)));
}

/** X.columns, df.dtypes[...].index, X.columns.tolist(), list(df.columns): names of columns */
function isColumnList(e: Expr): boolean {
  if (e.k === 'attr') return e.attr === 'columns' || e.attr === 'index';
  if (e.k === 'call' && e.fn.k === 'attr' && (e.fn.attr === 'tolist' || e.fn.attr === 'to_list') && e.args.length === 0) return isColumnList(e.fn.obj);
  if (e.k === 'call' && e.fn.k === 'name' && (e.fn.id === 'list' || e.fn.id === 'sorted' || e.fn.id === 'set') && e.args.length === 1) return isColumnList(e.args[0]!);
  return false;
}

/** df['x'].notnull(), df.x.isin([...]), df.name.str.contains('a'): a boolean row mask */
function isMaskCall(e: Expr): boolean {
  return e.k === 'call' && e.fn.k === 'attr' && MASK_METHODS.has(e.fn.attr) && e.fn.attr !== 'str';
}

function isLiteral(e: Expr): boolean {
  switch (e.k) {
    case 'num':
    case 'const':
      return true;
    case 'str':
      return e.parts.length === 0;
    case 'unary':
      return isLiteral(e.e);
    case 'seq':
      return e.items.every(isLiteral);
    case 'dict':
      return e.keys.every((k) => k === null || isLiteral(k)) && e.vals.every(isLiteral);
    case 'bin':
      return isLiteral(e.l) && isLiteral(e.r);
    default:
      return false;
  }
}

function collectTargetNames(e: Expr, out: string[]): void {
  if (e.k === 'name') out.push(e.id);
  else if (e.k === 'seq') for (const i of e.items) collectTargetNames(i, out);
}

function collectStrings(e: Expr, out: Set<string>): void {
  if (e.k === 'str') out.add(e.v);
  else if (e.k === 'seq') for (const i of e.items) collectStrings(i, out);
}

function attrRoot(e: Expr): string | null {
  let cur = e;
  while (cur.k === 'attr' || cur.k === 'sub') cur = cur.obj;
  return cur.k === 'name' ? cur.id : null;
}

function refersTo(e: Expr, names: Set<string>): boolean {
  switch (e.k) {
    case 'name':
      return names.has(e.id);
    case 'attr':
      return refersTo(e.obj, names);
    case 'sub':
      return refersTo(e.obj, names) || e.idx.some((i) => refersTo(i, names));
    case 'call':
      return e.args.some((a) => refersTo(a, names)) || e.kw.some(([, a]) => refersTo(a, names));
    case 'bin':
      return refersTo(e.l, names) || refersTo(e.r, names);
    case 'seq':
      return e.items.some((i) => refersTo(i, names));
    case 'unary':
      return refersTo(e.e, names);
    default:
      return false;
  }
}

function mentions(e: Expr, re: RegExp): boolean {
  switch (e.k) {
    case 'name':
      return re.test(e.id);
    case 'attr':
      return re.test(e.attr) || mentions(e.obj, re);
    case 'call':
      return mentions(e.fn, re) || e.args.some((a) => mentions(a, re));
    case 'bin':
      return mentions(e.l, re) || mentions(e.r, re);
    case 'sub':
      return mentions(e.obj, re);
    case 'unary':
      return mentions(e.e, re);
    default:
      return false;
  }
}

export function exprText(e: Expr): string {
  switch (e.k) {
    case 'name':
      return e.id;
    case 'attr':
      return `${exprText(e.obj)}.${e.attr}`;
    case 'call':
      return `${exprText(e.fn)}(...)`;
    case 'sub':
      return `${exprText(e.obj)}[${e.idx.map(exprText).join(', ')}]`;
    case 'str':
      return JSON.stringify(e.v);
    case 'num':
      return String(e.v);
    default:
      return '…';
  }
}
