/**
 * Parameters solved from features and labels (issue 13, user-function summaries): closed-form fitting written by hand
 * is model training whatever the names, and what it yields is learnt parameters.
 *   np.linalg.solve(X.T @ X, X.T @ y)          normal equations
 *   np.linalg.inv(X.T.dot(X)).dot(X.T).dot(y)  the same through .dot
 *   np.linalg.pinv(Xb) @ target                a pseudo-inverse
 * A matrix product of the labels with transposed features, or with the result of a solver (inv, pinv, solve, lstsq),
 * solves for parameters; a product of two plain vectors (`a @ b` in a correlation) does not.
 * Pure functions over the IR: the analyser asks them with the roles it inferred for the operands.
 */
import type { Expr } from '../ir.js';

const SOLVER = /^(inv|pinv|solve|lstsq)$/;

function callee(e: Expr): string | null {
  if (e.k !== 'call') return null;
  return e.fn.k === 'name' ? e.fn.id : e.fn.k === 'attr' ? e.fn.attr : null;
}

/** `X.T`, `X.transpose()`, `np.transpose(X)`, a solver's result, or a product / chain that contains one */
export function solvesAgainst(e: Expr): boolean {
  switch (e.k) {
    case 'attr':
      return e.attr === 'T' || solvesAgainst(e.obj);
    case 'call': {
      const c = callee(e);
      if (c !== null && (SOLVER.test(c) || c === 'transpose')) return true;
      // inv(X.T.dot(X)).dot(X.T): a chain on a solver's result
      return e.fn.k === 'attr' && (e.fn.attr === 'dot' || e.fn.attr === 'matmul') && solvesAgainst(e.fn.obj);
    }
    case 'bin':
      return e.op === '@' && (solvesAgainst(e.l) || solvesAgainst(e.r));
    case 'sub':
      return solvesAgainst(e.obj);
    default:
      return false;
  }
}

/** The two operands of a matrix product (`a @ b`, `a.dot(b)`, `np.dot(a, b)`, `np.matmul(a, b)`), else null. */
export function matmulOperands(e: Expr): [Expr, Expr] | null {
  if (e.k === 'bin' && e.op === '@') return [e.l, e.r];
  if (e.k !== 'call' || e.args.length < 1) return null;
  if (e.fn.k === 'attr' && (e.fn.attr === 'dot' || e.fn.attr === 'matmul')) {
    const owner = e.fn.obj;
    // np.dot(a, b) / numpy.matmul(a, b)
    if (owner.k === 'name' && /^(np|numpy)$/.test(owner.id)) return e.args.length >= 2 ? [e.args[0]!, e.args[1]!] : null;
    return [owner, e.args[0]!];
  }
  return null;
}
