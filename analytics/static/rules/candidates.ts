/**
 * Loops over candidate hyper-parameter values (issue 13): what the loop iterates over says whether it may be a sweep.
 *   for C in [0.01, 0.1, 1]:                      a literal list of numbers or strings (settled by the loop alone)
 *   for cfg in [{'C': 1}, {'C': 10}]:             a literal list of parameter dicts
 *   for lam in np.logspace(-3, 3, 7):             a generated grid of values
 *   for lam in lams:   (lams = [0.1, 1, 10])      a name bound to a literal list (the analyser gives its value)
 *   (not for phase in ['train', 'val']: the sides of a split an epoch passes over)
 * The last three are candidates only when the body also scores what it trains (labeller/block.ts); `range(...)`
 * is not a candidate list (epochs, folds, indices).
 * Pure functions over the IR: they know nothing of the analyser's state.
 */
import type { Expr, Stmt } from '../ir.js';

const GRID_FUNCTIONS = /^(logspace|linspace|geomspace|ParameterGrid|ParameterSampler)$/;

function isScalar(e: Expr): boolean {
  return e.k === 'num' || e.k === 'str' || (e.k === 'unary' && e.op === '-' && e.e.k === 'num');
}

/** a literal list of more than one number or string */
export function isLiteralValues(e: Expr): boolean {
  return e.k === 'seq' && e.items.length > 1 && e.items.every((x) => x.k === 'num' || x.k === 'str') && !namesSplits(e.items);
}

/** for phase in ['train', 'val']: the sides of a split, one pass each (a PyTorch epoch of training then validation) */
const SPLIT_SIDE_RE = /^(train|training|val|valid|validation|test|eval|dev)$/i;

function namesSplits(items: readonly Expr[]): boolean {
  return items.every((x) => x.k === 'str' && SPLIT_SIDE_RE.test(x.v));
}

/** a literal list of parameter dicts or of tuples of values, or a generated grid (np.logspace, ParameterGrid) */
export function isCandidateGrid(e: Expr): boolean {
  if (e.k === 'seq')
    return e.items.length > 1 && !namesSplits(e.items) && e.items.every((x) => (x.k === 'dict' && x.vals.length > 0 && x.vals.every(isScalar)) || (x.k === 'seq' && x.items.length > 0 && x.items.every(isScalar)) || isScalar(x));
  if (e.k !== 'call') return false;
  const name = e.fn.k === 'name' ? e.fn.id : e.fn.k === 'attr' ? e.fn.attr : '';
  return GRID_FUNCTIONS.test(name);
}

/**
 * for col in ['ConfirmedCases', 'Fatalities']: y = grp[col]; fit(...): literal strings the body reads as keys of a
 * table are columns (one model per target or feature), not values tried for a hyper-parameter.
 */
export function keysOfColumns(head: Expr, loopVars: readonly string[], body: readonly Stmt[]): boolean {
  if (head.k !== 'seq' || !head.items.every((x) => x.k === 'str')) return false;
  const vars = new Set(loopVars);
  const keyed = (e: Expr): boolean =>
    (e.k === 'sub' && e.idx.some((i) => (i.k === 'name' && vars.has(i.id)) || (i.k === 'seq' && i.items.some((x) => x.k === 'name' && vars.has(x.id))))) ||
    exprChildren(e).some(keyed);
  const inStmt = (s: Stmt): boolean => {
    const st = s.s;
    switch (st.k) {
      case 'assign': return [...st.targets, ...(st.value ? [st.value] : [])].some(keyed);
      case 'expr': return keyed(st.e);
      case 'return': return st.e !== null && keyed(st.e);
      case 'other': return st.exprs.some(keyed);
      case 'block': return st.heads.some(keyed) || st.body.some(inStmt);
      default: return false;
    }
  };
  return body.some(inStmt);
}

/** The sub-expressions of `e` (one level). */
export function exprChildren(e: Expr): readonly Expr[] {
  switch (e.k) {
    case 'attr': return [e.obj];
    case 'call': return [e.fn, ...e.args, ...e.kw.map(([, a]) => a), ...e.splat];
    case 'sub': return [e.obj, ...e.idx];
    case 'bin': return [e.l, e.r];
    case 'unary': return [e.e];
    case 'cmp': case 'seq': return e.items;
    case 'str': case 'comp': case 'slice': case 'other': return e.parts;
    case 'dict': return [...e.vals, ...e.keys.filter((k): k is Expr => k !== null)];
    case 'lambda': return [e.body];
    default: return [];
  }
}
