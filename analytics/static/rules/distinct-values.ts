/**
 * Distinct values kept (issue 13). Looking at the distinct values of a column (`df['brand'].unique()`,
 * `print(np.unique(species))`) is data exploration; the same call assigned to a name keeps them for something:
 * an index map (`user_index = {u: i for i, u in enumerate(ratings['user_id'].unique())}`) is an encoding, the data
 * rebound to its own distinct rows (`data = np.unique(data, axis=0)`) drops duplicates, and any other kept list
 * (`classes = sorted(meta['dx'].unique())`) is left to the statement that reads it (rules/used-for.ts). Pure
 * functions of the IR and of signals.
 */
import type { Expr, Stmt } from '../ir.js';
import type { Phase } from '../phases.js';
import type { Signal } from '../labeller/model.js';

/** the knowledge base's exploration signal of a distinct-values call (pandas `.unique()`, `numpy.unique`) */
const DISTINCT_EV_RE = /(^|\.)unique -> data_exploration$/;

function isDistinctCall(e: Expr): boolean {
  return e.k === 'call' && ((e.fn.k === 'attr' && e.fn.attr === 'unique') || (e.fn.k === 'name' && e.fn.id === 'unique'));
}

function holdsDistinct(e: Expr): boolean {
  if (isDistinctCall(e)) return true;
  switch (e.k) {
    case 'call':
      return (e.fn.k === 'attr' && holdsDistinct(e.fn.obj)) || e.args.some(holdsDistinct);
    case 'attr':
      return holdsDistinct(e.obj);
    case 'sub':
      return holdsDistinct(e.obj);
    default:
      return false;
  }
}

/** `{v: i for i, v in enumerate(x.unique())}`: a comprehension numbering distinct values */
export function isIndexMap(value: Expr): boolean {
  return value.k === 'comp' && value.parts.some((p) => p.k === 'call' && p.fn.k === 'name' && p.fn.id === 'enumerate' && p.args.length >= 1 && holdsDistinct(p.args[0]!));
}

/**
 * For a plain assignment of names `targets` whose value reads `rhsNames`: replaces the exploration signals of
 * distinct-values calls by what the kept values are for (an index map, duplicates dropped) or by nothing (the reader
 * decides). Returns whether it changed the signals.
 */
export function keptDistinctValues(sigs: Signal[], targets: readonly string[], rhsNames: ReadonlySet<string>, value: Expr): boolean {
  const n = sigs.length;
  for (let i = sigs.length - 1; i >= 0; i--) if (sigs[i]!.phase === 'data_exploration' && sigs[i]!.src === 'kb' && DISTINCT_EV_RE.test(sigs[i]!.ev)) sigs.splice(i, 1);
  if (sigs.length === n) return false;
  const name = targets[0] ?? '?';
  let p: Phase | null = null;
  let why = '';
  if (isIndexMap(value)) [p, why] = ['feature_engineering', 'index of distinct values (encoding)'];
  else if (targets.some((t) => rhsNames.has(t)) && isDistinctCall(value)) [p, why] = ['data_cleaning', 'its own distinct rows (duplicates dropped)'];
  if (p) sigs.push({ phase: p, w: 1, ev: `shape: ${name} = ${why} -> ${p}`, src: 'shape' });
  return true;
}

/** the evidence of a selection of features or labels told only by the target names (labeller/assign.ts) */
const NAMED_SELECTION_EV_RE = /^shape: features\/target .* selected -> feature_engineering$/;

/**
 * `labels, counts = np.unique(y_train, return_counts=True)`: how many rows each value has, a summary like
 * value_counts ("dealing with imbalanced datasets" kernels check the class ratio of every split so), whatever the
 * names say: the signals of such an assignment, when only the names and the knowledge base spoke, become exploration.
 */
export function relabelValueCounts(st: Stmt['s'], sigs: Signal[]): boolean {
  if (st.k !== 'assign' || st.op !== null || !st.value || !countsDistinct(st.value)) return false;
  if (!sigs.some((s) => NAMED_SELECTION_EV_RE.test(s.ev)) || !sigs.every((s) => NAMED_SELECTION_EV_RE.test(s.ev) || (s.src === 'kb' && s.phase === 'data_exploration'))) return false;
  sigs.splice(0, sigs.length, { phase: 'data_exploration', w: 1, ev: 'shape: distinct values with their counts (a class count) -> data_exploration', src: 'shape' });
  return true;
}

function countsDistinct(value: Expr): boolean {
  return isDistinctCall(value) && value.k === 'call' && value.kw.some(([k, v]) => k === 'return_counts' && v.k === 'const' && v.v === 'True');
}
