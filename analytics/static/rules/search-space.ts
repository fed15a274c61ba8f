/**
 * Candidate values bound to a name before a search (issue 13). Data scientists build the values a search tries
 * before it runs:
 *   k_values = range(2, 11)                                    then  for k in k_values: KMeans(n_clusters=k) ...
 *   alphas = np.logspace(-3, 3, 7)                             then  for a in alphas: Ridge(alpha=a) ...
 *   n_estimators = [int(x) for x in np.linspace(200, 2000, 10)] then  random_grid = {'n_estimators': n_estimators}
 *   k_range = list(range(1, 31))                               then  param_grid = dict(n_neighbors=k_range)
 * Such a value is a plain constant (`other`) until a search uses it: iterated by a tuning loop (labeller/block.ts),
 * or a value of a search space (a grid dict, itself named so or passed to a search). Then it is tuning, as the corpus
 * labels lists of candidates (`alphas = [0.1, 1.0, 10.0]`). Pure functions over the IR.
 */
import type { Expr } from '../ir.js';
import type { Rec } from '../labeller/model.js';
import { mentions } from '../labeller/expr-utils.js';

const RANGE_FUNCTIONS = /^(range|arange|linspace|logspace|geomspace)$/;
const WRAPPERS = /^(list|array|tuple)$/;
/** keywords of a range call that give its values (np.linspace(start=200, stop=2000, num=10)) */
const BOUNDS = /^(start|stop|num|step|base)$/;

function calleeName(e: Extract<Expr, { k: 'call' }>): string {
  return e.fn.k === 'name' ? e.fn.id : e.fn.k === 'attr' ? e.fn.attr : '';
}

/** 3, -2, 1e-3, 10 ** -3, 2 * 5: a number written in the code */
function isNumber(e: Expr): boolean {
  if (e.k === 'num') return true;
  if (e.k === 'unary') return isNumber(e.e);
  return e.k === 'bin' && isNumber(e.l) && isNumber(e.r);
}

/** a setting of the range call (num=10, endpoint=False, dtype=int) */
function isSetting(e: Expr): boolean {
  return isNumber(e) || e.k === 'const' || e.k === 'str' || e.k === 'name' || e.k === 'attr';
}

/**
 * range(2, 11) / np.arange(1, 20) / np.logspace(-3, 3, 7) of numbers written in the code, list(...) of one, or a
 * comprehension over one ([int(x) for x in np.linspace(10, 110, num=11)]): values generated to be tried.
 */
export function isValueRange(e: Expr): boolean {
  if (e.k === 'comp') return e.parts.some(isValueRange);
  if (e.k !== 'call') return false;
  const name = calleeName(e);
  if (WRAPPERS.test(name)) return e.args.length === 1 && e.kw.length === 0 && isValueRange(e.args[0]!);
  return RANGE_FUNCTIONS.test(name) && e.args.length + e.kw.length > 0 && e.splat.length === 0 && e.args.every(isNumber) &&
    e.kw.every(([k, v]) => (BOUNDS.test(k) ? isNumber(v) : isSetting(v)));
}

/** dict(n_neighbors=k_range, weights=['uniform', 'distance']): a dict written as a call, keywords only */
export function isDictCall(e: Expr): boolean {
  return e.k === 'call' && e.fn.k === 'name' && e.fn.id === 'dict' && e.args.length === 0 && e.splat.length === 0 && e.kw.length > 0;
}

/** the names a dict (a literal or dict(...)) gives as values: {'n_estimators': n_estimators} -> n_estimators */
export function dictValueNames(e: Expr): string[] {
  const vals = e.k === 'dict' ? e.vals : isDictCall(e) && e.k === 'call' ? e.kw.map(([, v]) => v) : [];
  return vals.filter((v): v is Extract<Expr, { k: 'name' }> => v.k === 'name').map((v) => v.id);
}

/** 0.1, 'rbf', None, [1, 3], (1, 2): a value written in the code */
function isLiteralValue(e: Expr): boolean {
  return isNumber(e) || e.k === 'str' || e.k === 'const' || (e.k === 'seq' && e.items.every(isLiteralValue));
}

/**
 * {'C': Cs, 'gamma': gammas} / dict(C=Cs, kernel=['rbf']): a dict of constants, some of them named (`isConstant`
 * tells the names bound to constants); the names it gives as values, none for any other expression.
 */
export function constantDictMembers(e: Expr, isConstant: (name: string) => boolean): string[] {
  const vals = e.k === 'dict' ? (e.keys.every((k) => k !== null) ? e.vals : null) : isDictCall(e) && e.k === 'call' ? e.kw.map(([, v]) => v) : null;
  if (!vals || !vals.every((v) => isLiteralValue(v) || (v.k === 'name' && isConstant(v.id)))) return [];
  return dictValueNames(e);
}

/** the position of the best score: np.argmax(scores), errors.index(min(errors)), s.idxmax() */
const BEST_POSITION_RE = /^(argmax|argmin|nanargmax|nanargmin|index|idxmax|idxmin)$/;

/**
 * neighbors[MSE.index(min(MSE))] / alphas[np.argmin(errors)] / max(cv_acc, key=cv_acc.get): the candidate at the best
 * score of a search (`isTuned` tells the names a search made or tried: its candidates, its scores per candidate).
 */
export function picksCandidate(e: Expr, isTuned: (name: string) => boolean): boolean {
  if (e.k === 'sub') return e.obj.k === 'name' && isTuned(e.obj.id) && e.idx.length === 1 && mentions(e.idx[0]!, BEST_POSITION_RE);
  if (e.k !== 'call' || e.fn.k !== 'name' || (e.fn.id !== 'max' && e.fn.id !== 'min')) return false;
  const a = e.args[0];
  return e.args.length === 1 && a !== undefined && a.k === 'name' && isTuned(a.id) && e.kw.some(([k]) => k === 'key');
}

export const CANDIDATES_EV = (name: string): string => `def-use: ${name} holds candidate values of a search -> hyperparameter_tuning`;

/**
 * The definitions (still plain constants, `other`) of names a search tries: candidates, tuning. `defOf` gives the
 * statement that bound a top-level constant. Returns whether a statement changed.
 */
export function markCandidates(names: Iterable<string>, defOf: (name: string) => Rec | undefined): boolean {
  let changed = false;
  for (const n of names) {
    const r = defOf(n);
    if (!r || r.sigs.length !== 1 || r.sigs[0]!.phase !== 'other') continue;
    r.sigs[0] = { phase: 'hyperparameter_tuning', w: 0.8, ev: CANDIDATES_EV(n), src: 'name' };
    changed = true;
  }
  return changed;
}
