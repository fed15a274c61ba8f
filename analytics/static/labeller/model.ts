/**
 * The analyser's working types: abstract values (Val), user functions, classes and modules, scopes, signals
 * (one piece of evidence for a phase) and records (one statement's signals), statement memos and the
 * context of the statement being analysed.
 */
import type { Param, Stmt } from '../ir.js';
import type { KnowledgeBase } from '../knowledge.js';
import type { Phase } from '../phases.js';
import type { ModuleLocation } from '../modules.js';
import type { LiteralValue } from './results.js';

export interface Val {
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
  /** a random mask of rows (msk = np.random.rand(n) < 0.8): data[msk] and data[~msk] are the two sides of a split */
  splitMask?: boolean;
  /** a condition on rows of data kept in a name (keep = (z < 4).all(axis=1)): picking rows by it filters them */
  rowMask?: boolean;
  /** one of the user's own modules (modules.ts) */
  umod?: UserModule;
  /** a tuple's elements (`return model, base`): unpacking it (`model, base = build()`) binds each its own value */
  items?: Val[];
}

/** A module of the user's resolved on disk, with the functions, classes and modules its top level binds. */
export interface UserModule {
  loc: ModuleLocation;
  members: Map<string, Val>;
}

export type SigPhase = Phase | 'plot?';
export type SigSrc = 'kb' | 'user' | 'shape' | 'name' | 'inherit' | 'fallback';

export interface Signal {
  phase: SigPhase;
  w: number;
  ev: string;
  src: SigSrc;
  /** from reading an attribute (df.shape): only meaningful when the statement displays it */
  attr?: boolean;
  /** a guess that the phase of the value's first reader replaces (rules/used-for.ts) */
  provisional?: boolean;
}

export interface Rec {
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

export interface UserFn {
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
  /** the kinds of the arguments of the call that asked for the summary (parameters whose names say nothing take them) */
  argKinds?: Val[];
}

export interface UserClass {
  key: string;
  name: string;
  baseType: string | null;
  baseQ: string | null;
  methods: Map<string, UserFn>;
  /** attributes of self its methods fit from data (rules/iterative-fit.ts): reading them back reads learnt parameters */
  learnt: Set<string>;
}

/** Reads and writes of the global scope made by one top-level statement (see Analyzer.topLevel). */
export interface ScopeRecorder {
  reads: Map<string, Val | undefined>;
  writes: [string, Val][];
  /** the statement touched user functions or classes: not replayable */
  impure: boolean;
}

export class Scope {
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
export interface StmtMemo {
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

export interface Ctx {
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
  /** parameters solved from features and labels (rules/learnt-params.ts) */
  solve: boolean;
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
