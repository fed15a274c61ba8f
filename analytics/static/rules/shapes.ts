/**
 * Structural rules for code shapes that no library call names (issue 13), as pure predicates over the IR:
 *   xs.append(series[i:i + lookback]) in a loop     sliding windows for a sequence model  -> feature_engineering
 *   split = int(0.8 * len(X))                         the cut point of an ordered split      -> data_splitting
 *   num_cols = ['age', 'fare']                        a list of column names (a feature set)  -> feature_engineering
 * The analyser asks them; they know nothing of its state.
 */
import type { Expr } from '../ir.js';

/** e reads one of names anywhere (slices and arithmetic included) */
export function mentionsAny(e: Expr, names: ReadonlySet<string>): boolean {
  switch (e.k) {
    case 'name':
      return names.has(e.id);
    case 'attr':
      return mentionsAny(e.obj, names);
    case 'sub':
      return mentionsAny(e.obj, names) || e.idx.some((i) => mentionsAny(i, names));
    case 'call':
      return mentionsAny(e.fn, names) || e.args.some((a) => mentionsAny(a, names)) || e.kw.some(([, a]) => mentionsAny(a, names));
    case 'bin':
      return mentionsAny(e.l, names) || mentionsAny(e.r, names);
    case 'unary':
      return mentionsAny(e.e, names);
    case 'seq':
      return e.items.some((i) => mentionsAny(i, names));
    case 'slice':
    case 'other':
      return e.parts.some((p) => mentionsAny(p, names));
    default:
      return false;
  }
}

/** xs.append(a[i:i + k]) / ys.append(a[i + k, 0]): a window or an offset element cut with a loop variable */
export function isWindowAppend(e: Expr, loopVars: ReadonlySet<string>): boolean {
  if (e.k !== 'call' || e.fn.k !== 'attr' || e.fn.attr !== 'append' || e.args.length !== 1) return false;
  const a = e.args[0]!;
  if (a.k !== 'sub') return false;
  return a.idx.some((i) => (i.k === 'slice' || i.k === 'bin') && mentionsAny(i, loopVars));
}

/** int(0.8 * len(X)) / int(len(df) * 0.75): the index where an ordered train/test split is cut */
export function isSplitIndex(e: Expr): boolean {
  if (e.k !== 'call' || e.fn.k !== 'name' || (e.fn.id !== 'int' && e.fn.id !== 'round') || e.args.length !== 1) return false;
  const a = e.args[0]!;
  if (a.k !== 'bin' || a.op !== '*') return false;
  const frac = (x: Expr): boolean => x.k === 'num' && x.v > 0 && x.v < 1;
  const size = (x: Expr): boolean => x.k === 'call' && x.fn.k === 'name' && x.fn.id === 'len';
  return (frac(a.l) && size(a.r)) || (size(a.l) && frac(a.r));
}

/** np.random.rand(len(df)) < 0.8 / rng.random(n) <= 0.75: a random mask of rows, the train side of a split (its `~` the test side) */
export function isRandomMask(e: Expr): boolean {
  if (e.k !== 'cmp' || e.items.length !== 2) return false;
  const draw = (x: Expr): boolean => x.k === 'call' && x.fn.k === 'attr' && /^(rand|random|uniform|random_sample)$/.test(x.fn.attr);
  const frac = (x: Expr): boolean => x.k === 'num' && x.v > 0 && x.v < 1;
  return (draw(e.items[0]!) && frac(e.items[1]!)) || (frac(e.items[0]!) && draw(e.items[1]!));
}

/**
 * keep = (z < 4).all(axis=1) / ok = (df.price > 0) & df.year.notna(): a condition on rows kept in a name; the rows it
 * picks (X = X[keep]) are filtered by a condition, as X[(z < 4).all(axis=1)] (labeller/expr.ts)
 */
export function isConditionMask(e: Expr): boolean {
  if (e.k === 'cmp') return !isRandomMask(e);
  if (e.k === 'bin') return (e.op === '&' || e.op === '|') && isConditionMask(e.l) && isConditionMask(e.r);
  if (e.k === 'unary') return e.op === '~' && isConditionMask(e.e);
  return e.k === 'call' && e.fn.k === 'attr' && (e.fn.attr === 'all' || e.fn.attr === 'any') && isConditionMask(e.fn.obj);
}

/** int(len(rows) * TRAIN_SHARE): the name of the constant a split point is a fraction of, else null */
export function splitFractionName(e: Expr): string | null {
  if (e.k !== 'call' || e.fn.k !== 'name' || (e.fn.id !== 'int' && e.fn.id !== 'round') || e.args.length !== 1) return null;
  const a = e.args[0]!;
  if (a.k !== 'bin' || a.op !== '*') return null;
  const size = (x: Expr): boolean => x.k === 'call' && x.fn.k === 'name' && x.fn.id === 'len';
  if (size(a.l) && a.r.k === 'name') return a.r.id;
  if (size(a.r) && a.l.k === 'name') return a.l.id;
  return null;
}

/** ['a', 'b', ...]: a non-empty literal list of plain strings */
export function isStringList(e: Expr): boolean {
  return e.k === 'seq' && e.items.length > 0 && e.items.every((x) => x.k === 'str' && x.parts.length === 0);
}

/** [f'lag_{l}' for l in LAGS]: names made from a template, one per value (the columns a loop made) */
export function isNameTemplateComp(e: Expr): boolean {
  return e.k === 'comp' && e.parts[0]?.k === 'str' && e.parts[0].parts.length > 0;
}

/** ['Item_Fat_Content', 'Outlet_Size', 'Outlet'] with most strings already met as columns of the data: a list of column names */
export function namesColumns(e: Expr, seenColumns: ReadonlySet<string>): boolean {
  if (e.k !== 'seq' || e.items.length < 2) return false;
  let seen = 0;
  for (const x of e.items) if (x.k === 'str' && x.parts.length === 0 && seenColumns.has(x.v)) seen++;
  return seen * 2 >= e.items.length;
}

/** num_cols / categorical / cat_features: names that say "a group of columns" */
export const COL_GROUP_RE = /^(cat|cats|num|nums|numeric|numerical|categorical|cat_features|num_features|numeric_features|categorical_features)$/i;

/**
 * `df = df[df.text.str.len() > 50]` / `df = df.loc[~df.id.duplicated()]`: the data set rebound to its rows that meet a
 * condition. What the condition computes (lengths, word counts, dates) only selects rows: cleaning, not new features.
 */
export function isSelfRowFilter(targets: readonly Expr[], value: Expr): boolean {
  const t = targets.length === 1 ? targets[0]! : null;
  if (!t || t.k !== 'name' || value.k !== 'sub' || value.idx.length !== 1) return false;
  const m = value.idx[0]!;
  const isMask = m.k === 'cmp' || (m.k === 'bin' && (m.op === '&' || m.op === '|')) || (m.k === 'unary' && m.op === '~');
  const o = value.obj;
  const self = (o.k === 'name' && o.id === t.id) || (o.k === 'attr' && o.attr === 'loc' && o.obj.k === 'name' && o.obj.id === t.id);
  return isMask && self;
}

/** the name of one side of a split (train_idx, val_idx, test_idx, train, X_va) */
const SPLIT_SIDE_RE = /(^|_)(train|test|val|valid|validation|holdout|tr|te|va|dev)(_|$|\d)/i;

/**
 * X_tr, y_tr, X_va, y_va = X[train_idx], y[train_idx], X[val_idx], y[val_idx]: every part picks rows by the indices
 * of one side of a split (X.iloc[test_idx] too)
 */
export function isIndexSplit(value: Expr): boolean {
  const parts = value.k === 'seq' ? value.items : [value];
  return parts.length > 0 && parts.every((p) => {
    const s = p;
    return s.k === 'sub' && s.idx.length === 1 && s.idx[0]!.k === 'name' && SPLIT_SIDE_RE.test(s.idx[0]!.id) && /idx|ind|index/i.test(s.idx[0]!.id);
  });
}

/** X = all_data[:len(train)] / X_test = all_data[len(train):]: a combined frame cut back at the length of one side */
export function isCutAtSplitLength(value: Expr): boolean {
  if (value.k !== 'sub' || value.idx.length !== 1 || value.idx[0]!.k !== 'slice') return false;
  const sizeOfSide = (e: Expr): boolean =>
    (e.k === 'call' && e.fn.k === 'name' && e.fn.id === 'len' && e.args.length === 1 && e.args[0]!.k === 'name' && SPLIT_SIDE_RE.test(e.args[0]!.id)) ||
    (e.k === 'sub' && e.obj.k === 'attr' && e.obj.attr === 'shape' && e.obj.obj.k === 'name' && SPLIT_SIDE_RE.test(e.obj.obj.id));
  return value.idx[0]!.parts.some(sizeOfSide);
}
