/**
 * Sweeps written with the user's own functions (issue 13). A loop over candidate values that hands each value to the
 * user's model code is hyperparameter tuning, as one building a library model from it is (labeller/call.ts):
 *   for k in range(2, 13, 2):  centers, _ = kmeans(sample, k, rng); inertias.append(inertia(sample, centers))
 *   for k in range(1, 26, 2):  ... pred = knn_predict(X[trn], y[trn], X[val], k=k); accs.append(accuracy(y[val], pred))
 * The loop variable must be passed as it is (the value tried), the loop must run over candidates (a literal list, a
 * generated grid, or a range with a written start: `range(2, 11)`, not `range(n_epochs)`), and its name must not be
 * that of a pass, an index or a group (`for epoch in range(1, 11): train(model, epoch)` trains one model).
 * Whether the called function is model code is the caller's to say (labeller/block.ts). Pure functions over the IR.
 */
import type { Expr, Stmt } from '../ir.js';

/** names of loop variables counting passes, positions, folds or groups rather than values tried */
const PASS_VAR_RE = /^(_+|epochs?|ep|e|i|j|n|idx|ix|step|it|iter|iteration|fold|batch|seed|run|trial|t|year|month|day|week|hour)$/i;

function isNumber(e: Expr): boolean {
  return e.k === 'num' || (e.k === 'unary' && isNumber(e.e));
}

/** range(2, 11) / range(1, 26, 2) / np.arange(1, 20): values from a written start (not range(n_epochs)) */
export function isCandidateRange(e: Expr): boolean {
  if (e.k !== 'call' || e.args.length < 2 || e.kw.length > 0 || !e.args.every(isNumber)) return false;
  const name = e.fn.k === 'name' ? e.fn.id : e.fn.k === 'attr' ? e.fn.attr : '';
  return name === 'range' || name === 'arange';
}

/** the loop variable names a value tried, not a pass, a position or a group */
export function namesCandidate(loopVar: string): boolean {
  return !PASS_VAR_RE.test(loopVar);
}

function children(e: Expr): readonly Expr[] {
  switch (e.k) {
    case 'attr':
      return [e.obj];
    case 'call':
      return [e.fn, ...e.args, ...e.kw.map(([, a]) => a), ...e.splat];
    case 'sub':
      return [e.obj, ...e.idx];
    case 'bin':
      return [e.l, e.r];
    case 'unary':
      return [e.e];
    case 'cmp':
    case 'seq':
      return e.items;
    case 'str':
    case 'comp':
    case 'slice':
    case 'other':
      return e.parts;
    case 'dict':
      return [...e.vals, ...e.keys.filter((k): k is Expr => k !== null)];
    case 'lambda':
      return [e.body];
    default:
      return [];
  }
}

function collectCallees(e: Expr, loopVar: string, out: Set<string>): void {
  if (e.k === 'call' && e.fn.k === 'name' && [...e.args, ...e.kw.map(([, a]) => a)].some((a) => a.k === 'name' && a.id === loopVar)) out.add(e.fn.id);
  for (const c of children(e)) collectCallees(c, loopVar, out);
}

/** the functions the body (nested blocks too) calls by name with the loop variable itself as an argument */
export function calleesGiven(body: readonly Stmt[], loopVar: string, out: Set<string> = new Set()): Set<string> {
  for (const s of body) {
    const st = s.s;
    const exprs: Expr[] =
      st.k === 'assign' ? (st.value ? [st.value] : []) : st.k === 'expr' ? [st.e] : st.k === 'return' ? (st.e ? [st.e] : []) : st.k === 'block' ? st.heads : st.k === 'other' ? st.exprs : [];
    for (const e of exprs) collectCallees(e, loopVar, out);
    if (st.k === 'block') calleesGiven(st.body, loopVar, out);
  }
  return out;
}
