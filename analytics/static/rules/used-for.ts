/**
 * Values made by no recognised operation take the phase they are made for (issue 13). A top-level assignment whose
 * right-hand side neither calls a known API nor has a recognised shape (`n_val = len(images) // 5`,
 * `values = spots['sunspots'].values.reshape(-1, 1)`, `actual = scaler.inverse_transform(y_test.reshape(-1, 1))` with
 * an untyped scaler, `valid_mask = data['Date'] >= '2015-06-15'`, `features = cat_cols + ['MONTH']`) computes
 * something for the statement that reads it next: it takes the phase of the first later top-level statement that
 * reads one of its names and has a phase of its own (def-use, as accumulators take the phase of the loop that fills
 * them). Plain constants and paths keep the corpus convention (`other`) and are not candidates, nor are sizes (`n = len(df)`)
 * unless a split cuts at a fraction of them (`df[:int(0.7 * n)]`: data_splitting); a name rebound before
 * it is read is dropped. Tracked by labeller/statement.ts, resolved by labeller/finish.ts. Pure functions of the IR
 * and of signals.
 */
import type { Expr } from '../ir.js';
import type { Phase } from '../phases.js';
import type { Rec, Signal } from '../labeller/model.js';
import { provisionalTop } from '../labeller/signals.js';

/** One candidate: the statement, the names it binds, and the phase of its first reader with one (null until read). */
export interface UsedForDef {
  rec: Rec;
  names: string[];
  phase: Phase | null;
  /** read first by another candidate (counts read by vocab = {...}): it is for what that one is for */
  via: UsedForDef | null;
  /** a size (n = len(df)): `other` by convention, unless a split is cut at a fraction of it (rules/used-for.ts) */
  size?: boolean;
  /** the statement whose phase `phase` is */
  reader?: Rec;
  /** shown (printed, counted, its first rows displayed) before any reader with a phase of work */
  shown?: boolean;
  /** the statements that showed it before that reader (print(f'scale_pos_weight = {spw:.2f}')) */
  shownBy?: Rec[];
}

/**
 * The phase each candidate takes: its reader's, else that of the candidate that read it first (followed to the end
 * of the chain, where a candidate no reader decided keeps its own provisional phase); null for none.
 */
export function resolveUsedFor(defs: readonly UsedForDef[]): Map<UsedForDef, Phase> {
  const out = new Map<UsedForDef, Phase>();
  const own = (d: UsedForDef): Phase | null => {
    const p = provisionalTop(d.rec.sigs);
    return p && p !== 'other' && p !== 'setup' ? p : null;
  };
  const of = (d: UsedForDef, depth: number): Phase | null => {
    if (d.phase && d.phase !== 'other') return d.phase;
    // outliers = df[df.x > q3 + 1.5 * iqr] then only print(len(outliers)): rows picked out to look at them
    if (d.phase === null && d.via === null && d.shown && d.rec.sigs.some((s) => s.provisional && ROWS_PICKED_EV_RE.test(s.ev))) return 'data_exploration';
    const p = d.phase === null && d.via && depth < 20 ? of(d.via, depth + 1) : null;
    return p ?? (depth === 0 ? null : own(d));
  };
  for (const d of defs) {
    const p = of(d, 0);
    if (p) out.set(d, p);
  }
  return out;
}

/**
 * Candidates first read by a look at the data that the end of the file found was making features (a statistic kept
 * only for a transform: rules/clean-inputs.ts): `numeric = df.select_dtypes('number').columns` read by
 * `skewness = df[numeric].apply(skew)` is made for the features too.
 */
export function madeForFeaturesAfterAll(defs: readonly UsedForDef[]): UsedForDef[] {
  return defs.filter((d) => d.phase === 'data_exploration' && d.reader && provisionalTop(d.reader.sigs) === 'feature_engineering' && d.rec.sigs.length === 1 && d.rec.sigs[0]!.ev === USED_FOR_EV(d.names, 'data_exploration'));
}

export const USED_FOR_EV = (names: readonly string[], p: Phase): string => `def-use: ${names.join(', ')} made for the next use -> ${p}`;

/** file names, directories and path joins: paths are `other` by the corpus convention, whatever reads them */
const PATH_TEXT_RE = /[\\/]|\.(csv|tsv|json|txt|xlsx?|parquet|feather|pkl|pickle|joblib|h5|hdf5|pt|pth|npy|npz|png|jpe?g|zip|gz)$/i;
const PATH_CALL_RE = /^(join|Path|abspath|dirname|basename|expanduser|getcwd|resolve|joinpath|format)$/;

function isPathLike(e: Expr): boolean {
  switch (e.k) {
    case 'str':
      return PATH_TEXT_RE.test(e.v) || e.parts.length > 0;
    case 'bin':
      return isPathLike(e.l) || isPathLike(e.r);
    case 'call': {
      const f = e.fn.k === 'attr' ? e.fn.attr : e.fn.k === 'name' ? e.fn.id : '';
      return PATH_CALL_RE.test(f) || e.args.some(isPathLike);
    }
    case 'attr':
      return isPathLike(e.obj);
    default:
      return false;
  }
}

function isConstant(e: Expr): boolean {
  switch (e.k) {
    case 'num':
    case 'str':
    case 'const':
      return true;
    case 'unary':
      return isConstant(e.e);
    case 'bin':
      return isConstant(e.l) && isConstant(e.r);
    case 'seq':
      return e.items.every(isConstant);
    case 'dict':
      return e.keys.every((k) => k === null || isConstant(k)) && e.vals.every(isConstant);
    default:
      return false;
  }
}

/** `len(df)`, `train.shape[0]`: the size of something, `other` by the corpus convention (sizes, like constants) */
function isSize(e: Expr): boolean {
  if (e.k === 'call') return e.fn.k === 'name' && e.fn.id === 'len' && e.args.length === 1;
  if (e.k === 'sub') return isSize(e.obj) && e.idx.every(isConstant);
  return e.k === 'attr' && (e.attr === 'shape' || e.attr === 'size');
}

/** `int(0.7 * n)`, `n * 0.8`, `round(n * TRAIN_FRAC)`... : the name scaled by a fraction (a literal in (0, 1)) */
function fractionOf(e: Expr, name: string): boolean {
  switch (e.k) {
    case 'bin': {
      const frac = (x: Expr): boolean => x.k === 'num' && x.v > 0 && x.v < 1;
      const isN = (x: Expr): boolean => x.k === 'name' && x.id === name;
      if (e.op === '*' && ((frac(e.l) && isN(e.r)) || (isN(e.l) && frac(e.r)))) return true;
      return fractionOf(e.l, name) || fractionOf(e.r, name);
    }
    case 'call':
      return e.args.some((a) => fractionOf(a, name));
    case 'sub':
      return fractionOf(e.obj, name) || e.idx.some((a) => fractionOf(a, name));
    case 'slice':
    case 'seq':
    case 'other':
      return (e.k === 'seq' ? e.items : e.parts).some((a) => fractionOf(a, name));
    case 'unary':
      return fractionOf(e.e, name);
    default:
      return false;
  }
}

/**
 * A value that may be a candidate: it computes something, and is neither a literal constant, a path, a size,
 * nor a plain grouping of existing objects (`combine = [train_df, test_df]`).
 */
export function mayBeMadeFor(value: Expr): boolean {
  if (value.k === 'seq' && value.items.every((x) => x.k === 'name')) return false;
  return !isConstant(value) && !isPathLike(value) && !isSize(value) && value.k !== 'name';
}

/** `Model(..., scale_pos_weight=name)`: the name given as a class or sample weight to a class's constructor (a capitalised callee) */
const WEIGHT_KW_RE = /weight/i;
function setsUpModel(e: Expr, name: string): boolean {
  if (e.k !== 'call') return e.k === 'attr' ? setsUpModel(e.obj, name) : false;
  const callee = e.fn.k === 'attr' ? e.fn.attr : e.fn.k === 'name' ? e.fn.id : '';
  if (/^[A-Z]/.test(callee) && e.kw.some(([k, v]) => WEIGHT_KW_RE.test(k) && v.k === 'name' && v.id === name)) return true;
  return setsUpModel(e.fn, name) || e.args.some((a) => setsUpModel(a, name));
}

/** The phase a reader lends to the values it reads: its provisional main phase, when it is a phase of work. */
export function readerPhase(sigs: readonly Signal[]): Phase | null {
  const p = provisionalTop(sigs as Signal[]);
  return p && p !== 'other' && p !== 'setup' ? p : null;
}

/** Signals that leave a value to its reader: none but the fallback `other`, or guesses marked provisional. */
export function undecided(sigs: readonly Signal[]): boolean {
  return sigs.every((s) => (s.phase === 'other' && s.src === 'fallback') || s.provisional === true);
}

/** The analyser's state this rule keeps: the candidates by name (until rebound), all of them, and the memo switch. */
export interface UsedForState {
  readonly usedFor: Map<string, UsedForDef>;
  readonly usedForDefs: UsedForDef[];
  impure: boolean;
}

/** evidence of a statement that only shows values (print(x), x): it neither decides nor spoils what they are for */
const SHOW_EV_RE = /^display of /;
const CONTINUES_RE = /^def-use: .* continues /;
/** a frame's rows picked by a condition into a new name (labeller/assign.ts): cleaning only until a reader decides */
const ROWS_PICKED_EV_RE = /^shape: rows filtered by a condition -> data_cleaning$/;
/** evidence of resampling rows (sklearn.utils.resample, a frame's sample, an imbalanced-learn sampler) */
const RESAMPLING_EV_RE = /^(sklearn\.utils\.resample|pandas\.(DataFrame|Series)\.sample|imblearn\.)/;
const RESULT_SHOWN_RE = /-> (model_evaluation|prediction)$/;

/**
 * After each top-level statement (not in a loop body): the reads of candidates (the first reader with a phase of
 * work decides), then the names the statement binds (rebinding drops a candidate; an unrecognised assignment
 * becomes one). `bound`: the names the statement assigns, null for a statement that assigns none; `readsValues`:
 * whether it reads any value that is not a module (`AUTOTUNE = tf.data.AUTOTUNE` is a constant).
 */
export function trackUsedFor(st: UsedForState, rec: Rec, reads: ReadonlySet<string>, bound: readonly string[] | null, value: Expr | null, plainAssign: boolean, readsValues: boolean): void {
  const chained: UsedForDef[] = [];
  if (st.usedFor.size > 0) {
    // a display of results (print(vocab[order[:20]]) with order ranking a model's coefficients) uses the values it
    // picks for the evaluation it shows; a display of data only looks at them
    const shows = rec.sigs.length > 0 && rec.sigs.every((s) => SHOW_EV_RE.test(s.ev) && !RESULT_SHOWN_RE.test(s.ev));
    const p = shows || undecided(rec.sigs) ? null : readerPhase(rec.sigs);
    for (const n of reads) {
      const d = st.usedFor.get(n);
      if (!d || d.rec === rec) continue;
      st.impure = true;
      // n = len(df) read by train_df = df[:int(0.7 * n)]: the size a split is cut at a fraction of is part of the split
      if (d.size) {
        if (d.phase === null && !shows) d.phase = p === 'data_splitting' && value !== null && fractionOf(value, n) ? 'data_splitting' : 'other';
        continue;
      }
      if (d.phase === null && d.via === null && !shows && undecided(rec.sigs)) chained.push(d);
      if (d.phase === null && shows) {
        d.shown = true;
        (d.shownBy ??= []).push(rec);
      }
      // a value read first by training (`Dense(len(class_names))`, `xgb.DMatrix(X[~mask])`) configures or feeds the
      // model: what it is made for is not told by its reader, it stays as it is
      // and data read first by a split (Z[train_idx]) is what is split, not made for splitting
      // a value continuing what was loaded or looked at (mask = np.triu(np.ones_like(corr))) and then drawn is still
      // looking at the data: a figure does not decide for it
      if (d.phase === null && p === 'visualization' && d.rec.sigs.some((s) => s.provisional && CONTINUES_RE.test(s.ev))) d.phase = 'other';
      // (but a class weight handed to a model's constructor, LGBMClassifier(scale_pos_weight=spw), configures it:
      // spw = (y == 0).sum() / (y == 1).sum() is made for the training, corpus README)
      if (d.phase === null && p === 'model_training' && value !== null && setsUpModel(value, n)) {
        d.phase = p;
        d.reader = rec;
        // and showing it on the way shows a setting of the model
        for (const r of d.shownBy ?? []) for (const x of r.sigs) if (SHOW_EV_RE.test(x.ev)) Object.assign(x, { phase: p, ev: `${x.ev.replace(/ -> \w+$/, '')} (a class weight) -> ${p}` });
      }
      // (but the rows of one class picked to be resampled, majority = train[train.y == 0] read first by
      // resample(majority, n_samples=len(minority)), are part of the resampling: data_splitting, corpus README)
      if (d.phase === null && p === 'data_splitting' && rec.sigs.some((x) => RESAMPLING_EV_RE.test(x.ev)) && d.rec.sigs.some((x) => x.provisional && ROWS_PICKED_EV_RE.test(x.ev))) {
        d.phase = 'data_splitting';
        d.reader = rec;
      }
      if (d.phase === null && p) {
        d.phase = p === 'model_training' || p === 'hyperparameter_tuning' || (p === 'data_splitting' && d.rec.sigs.length > 0) ? 'other' : p;
        d.reader = rec;
      }
    }
  }
  if (!bound) return;
  for (const n of bound) if (st.usedFor.delete(n)) st.impure = true;
  if (!plainAssign || !readsValues || !value || bound.length === 0) return;
  if (!undecided(rec.sigs)) return;
  if (bound.length === 1 && isSize(value)) {
    const d: UsedForDef = { rec, names: [...bound], phase: null, via: null, size: true };
    st.usedFor.set(bound[0]!, d);
    st.usedForDefs.push(d);
    st.impure = true;
    return;
  }
  if (!mayBeMadeFor(value)) return;
  const d: UsedForDef = { rec, names: [...bound], phase: null, via: null };
  for (const c of chained) if (c.phase === null) c.via = d;
  for (const n of bound) st.usedFor.set(n, d);
  st.usedForDefs.push(d);
  st.impure = true;
}
