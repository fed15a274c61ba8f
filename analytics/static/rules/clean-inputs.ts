/**
 * Values computed only to clean the data (issue 13): the bounds of an outlier rule (`q1 = df.x.quantile(0.25)`,
 * `iqr = q3 - q1`, `lower = q1 - 1.5 * iqr`, then `df = df[df.x >= lower]`), a z-score kept to filter rows
 * (`z = np.abs(stats.zscore(df.x))`, `df = df[z < 3]`), counts that decide which rows to keep, an imputation table
 * (`table = df.pivot_table(...)` read by the helper that fills the gaps), a regex or replacement table used by
 * cleaning helpers. Alone each looks like exploration (a statistic) or a derived value; what they are for is
 * decided by def-use: when every statement (or user function) that reads them cleans, and at least one does, they
 * are data_cleaning. Showing them (`print(lower)`, `table`) neither makes nor spoils that. Decided at the end of the
 * file (labeller/finish.ts), from the phases the readers end with; chains (q1 -> iqr -> lower) resolve together.
 */
import type { Expr, Stmt } from '../ir.js';
import { collectTargetNames } from '../labeller/expr-utils.js';
import type { Rec, Signal, UserFn } from '../labeller/model.js';
import { provisionalTop } from '../labeller/signals.js';
import type { Phase } from '../phases.js';

/** reductions and summaries whose result is a statistic of the data, not the data */
const STAT_CALLS = new Set([
  'quantile', 'mean', 'median', 'std', 'var', 'mode', 'min', 'max', 'sum', 'count', 'value_counts', 'nunique',
  'pivot_table', 'zscore', 'abs', 'percentile', 'nanpercentile', 'iqr', 'mad', 'sem',
]);

/** One value bound at top level that may only serve cleaning, and who read it. */
export interface CleanInputDef {
  rec: Rec;
  names: string[];
  readers: CleanReader[];
  /**
   * a statistic computed by a library that no reduction names (`df[cols].apply(lambda x: skew(x)).sort_values()`):
   * a candidate for making features only (the skewed columns then log-transformed), never for cleaning
   */
  featuresOnly?: boolean;
  /** labels of a summary's entries picked by a condition (pickedFromSummary) */
  picked?: boolean;
}

/** A statement or function that read a candidate value: its record (or function), and the candidate it defines itself. */
export interface CleanReader {
  rec: Rec | null;
  fn: UserFn | null;
  def: CleanInputDef | null;
  /** a top-level statement that only shows values (an expression statement of data exploration): neutral */
  shows: boolean;
  /**
   * the statement changes data it had (an expression statement such as an inplace call, a subscript or attribute
   * target, or a name it also reads: `df = df[df.x < upper]`), as cleaning does; a new name derived from the value
   * (`skewed = skewness[skewness > 0.75].index`) counts only as a candidate of its own
   */
  updates: boolean;
}

/** `q1`, `0.25`, `q3 - q1`, `q1 - 1.5 * iqr`, `df.x.quantile(0.25)`, `np.abs(stats.zscore(df.x))`, `s.mode()[0]` */
export function isStatistic(e: Expr, isCandidate: (name: string) => boolean): boolean {
  switch (e.k) {
    case 'num':
      return true;
    case 'name':
      return isCandidate(e.id);
    case 'unary':
      return isStatistic(e.e, isCandidate);
    case 'bin':
      return isStatistic(e.l, isCandidate) && isStatistic(e.r, isCandidate) && (e.l.k !== 'num' || e.r.k !== 'num');
    case 'seq':
      return e.items.length > 0 && e.items.every((x) => isStatistic(x, isCandidate));
    case 'sub':
      return e.obj.k === 'call' && isStatistic(e.obj, isCandidate) && e.idx.every((i) => i.k === 'num' || i.k === 'str');
    case 'call':
      return e.fn.k === 'attr' && STAT_CALLS.has(e.fn.attr);
    default:
      return false;
  }
}

/** A literal replacement table (`{"can't": 'can not', ...}`) or a compiled regex: constants that cleaning helpers read. */
export function isCleaningConstant(e: Expr): boolean {
  if (e.k === 'dict') return e.vals.length > 0 && e.keys.every((k) => k !== null && k.k === 'str') && e.vals.every((v) => v.k === 'str');
  return e.k === 'call' && e.fn.k === 'attr' && e.fn.attr === 'compile' && e.fn.obj.k === 'name' && e.fn.obj.id === 're';
}

/** Whether a statement's signals allow it to be re-read as cleaning (a statistic, a derived value, a constant; no model). */
export function mayServeCleaning(sigs: Signal[]): boolean {
  const top = provisionalTop(sigs);
  return top === null || top === 'data_exploration' || top === 'feature_engineering' || top === 'other';
}

/** row masks and tests of values (df.x.isnull()) pick rows out: not statistics */
const MASK_EV_RE = /\.(isnull|isna|notnull|notna|isin|between|duplicated|contains|startswith|endswith)\b/;

/** a statement whose only work is a library statistic of the data (scipy.stats.skew, DataFrame.corr): a look at the data */
function computedStatistic(sigs: readonly Signal[]): boolean {
  return sigs.some((s) => s.src === 'kb' && s.phase === 'data_exploration') && !sigs.some((s) => MASK_EV_RE.test(s.ev)) && sigs.every((s) => s.phase === 'data_exploration' || (s.phase === 'data_cleaning' && s.w < 0.5) || s.phase === 'other');
}

/**
 * the labels of a summary's entries picked by a condition (`drop_cols = missing[missing > 0.6].index.tolist() + ['id']`,
 * `to_drop = nulls[nulls > 1000].index`): which columns or rows to act on, for what reads them (a drop: cleaning)
 */
const SUMMARY_PICK_EV_RE = /^shape: \S+ = entries of a summary selected -> data_exploration$/;
function pickedFromSummary(sigs: readonly Signal[]): boolean {
  return sigs.some((s) => SUMMARY_PICK_EV_RE.test(s.ev)) && sigs.every((s) => SUMMARY_PICK_EV_RE.test(s.ev) || s.phase === 'other');
}

function onlyNumbers(e: Expr): boolean {
  if (e.k === 'num') return true;
  if (e.k === 'unary') return onlyNumbers(e.e);
  if (e.k === 'seq') return e.items.every(onlyNumbers);
  return false;
}

/** The part of the analyser's state this rule keeps: top-level names bound to candidates, until rebound, and every candidate. */
export interface CleanInputState {
  readonly cleanInputs: Map<string, CleanInputDef>;
  readonly cleanDefs: CleanInputDef[];
  impure: boolean;
}

/**
 * After a statement: records it as a reader of the candidates it read (names: the names it read), then, for a
 * top-level assignment of a statistic or cleaning constant, the candidate it binds.
 */
export function trackCleanInputs(an: CleanInputState, st: Stmt['s'], rec: Rec, names: ReadonlySet<string>, fn: UserFn | null, inLoop: boolean): void {
  const isDef = !fn && !inLoop && st.k === 'assign' && st.op === null && st.value !== null && st.targets.every((t) => t.k === 'name' || t.k === 'seq');
  let def: CleanInputDef | null = null;
  if (isDef && st.k === 'assign' && st.value && mayServeCleaning(rec.sigs)) {
    const v = st.value;
    const statistic = (isStatistic(v, (n) => an.cleanInputs.has(n)) && !onlyNumbers(v)) || isCleaningConstant(v);
    if (statistic || computedStatistic(rec.sigs) || pickedFromSummary(rec.sigs)) {
      const targets: string[] = [];
      for (const t of st.targets) collectTargetNames(t, targets);
      const picked = pickedFromSummary(rec.sigs);
      if (targets.length > 0) def = { rec, names: targets, readers: [], ...(statistic || picked ? {} : { featuresOnly: true }), ...(picked ? { picked } : {}) };
    }
  }
  if (an.cleanInputs.size > 0) {
    const shows = !fn && st.k === 'expr' && provisionalTop(rec.sigs) === 'data_exploration';
    const updates = st.k === 'expr' || (st.k === 'assign' && st.targets.some((t) => t.k !== 'name' || names.has(t.id)));
    const seen = new Set<CleanInputDef>();
    for (const n of names) {
      const d = an.cleanInputs.get(n);
      if (!d || d.rec === rec || seen.has(d)) continue;
      seen.add(d);
      d.readers.push({ rec: fn ? null : rec, fn, def, shows, updates });
      an.impure = true;
    }
  }
  if (!fn && !inLoop && st.k === 'assign') for (const t of st.targets) if (t.k === 'name') an.cleanInputs.delete(t.id);
  if (def) {
    for (const n of def.names) an.cleanInputs.set(n, def);
    an.cleanDefs.push(def);
    an.impure = true;
  }
}

export const CLEAN_INPUT_EV = (names: readonly string[]): string => `def-use: ${names.join(', ')} only used to clean -> data_cleaning`;

/** The definitions every one of whose (non-showing) readers cleans, at least one reader cleaning; chains resolve together. */
export function resolveCleanInputs(defs: readonly CleanInputDef[], fnTop: (fn: UserFn) => Phase | null): Set<CleanInputDef> {
  const yes = new Set<CleanInputDef>();
  const cleans = (r: CleanReader, d: CleanInputDef): boolean => {
    // a summary shown, then the columns to drop picked from it (missing[missing > 0.5 * n].index): the summary stays a look
    if (r.def && yes.has(r.def)) return !(r.def.picked && d.readers.some((x) => x.shows));
    if (r.fn) return fnTop(r.fn) === 'data_cleaning';
    return r.rec !== null && r.updates && provisionalTop(r.rec.sigs) === 'data_cleaning';
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of defs) {
      if (yes.has(d) || d.featuresOnly) continue;
      const counted = d.readers.filter((r) => !r.shows);
      if (counted.length > 0 && counted.every((r) => cleans(r, d))) {
        yes.add(d);
        changed = true;
      }
    }
  }
  return yes;
}

export const FEATURE_INPUT_EV = (names: readonly string[]): string => `def-use: ${names.join(', ')} only used to make features -> feature_engineering`;

/**
 * The same for features (issue 13): statistics kept only for the statements that make features (`mean, std =
 * train_df.mean(), train_df.std()` read by `train_df = (train_df - mean) / std`) are part of making them, not a look
 * at the data: the definitions labelled data_exploration, not resolved as cleaning, every one of whose (non-showing)
 * readers makes features (a reader defining a candidate of its own only when it also updates data, or resolves so),
 * or, after the first reader made features, uses them again to undo the scaling of a model's outputs or saves them.
 */
export function resolveFeatureInputs(defs: readonly CleanInputDef[], fnTop: (fn: UserFn) => Phase | null, cleaning: ReadonlySet<CleanInputDef>): Set<CleanInputDef> {
  const yes = new Set<CleanInputDef>();
  const makes = (r: CleanReader): boolean => {
    if (r.def && yes.has(r.def)) return true;
    if (r.fn) return fnTop(r.fn) === 'feature_engineering';
    return r.rec !== null && provisionalTop(r.rec.sigs) === 'feature_engineering' && (r.def === null || r.updates);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of defs) {
      if (yes.has(d) || cleaning.has(d) || !looksAtData(d)) continue;
      const counted = d.readers.filter((r) => !r.shows);
      if (counted.length > 0 && makes(counted[0]!) && counted.every((r) => makes(r) || undoesScaling(r))) {
        yes.add(d);
        changed = true;
      }
    }
  }
  return yes;
}

/** the model-building phases that read a scaling's statistics after it: predictions brought back to scale, the stats saved */
const AFTER_MODEL: ReadonlySet<Phase> = new Set(['prediction', 'model_evaluation', 'model_persistence']);

/**
 * A later reader that brings a model's outputs back to the scale of the data (`preds * std['temp'] + mean['temp']`)
 * or saves the statistics with the model: the statistics still made the features first (rules/feature-inputs.test.ts).
 */
function undoesScaling(r: CleanReader): boolean {
  if (r.fn || r.def !== null || r.rec === null) return false;
  const p = provisionalTop(r.rec.sigs);
  return p !== null && AFTER_MODEL.has(p);
}

/** a statistic the analyser took for a look at the data (not a constant: a replacement table read by a helper) */
function looksAtData(d: CleanInputDef): boolean {
  return provisionalTop(d.rec.sigs) === 'data_exploration';
}
