/**
 * One-hot rows picked from an identity matrix (issue 13): `Y_train = np.eye(K)[y_train]`, `np.identity(10)[labels]`
 * index the rows of an identity matrix by class labels, the NumPy idiom for one-hot encoding them (what to_categorical
 * and pd.get_dummies do): feature_engineering, like any encoding (corpus README). Only a value kept in a name: inside
 * a larger expression (cross_entropy(probs, np.eye(K)[y_test]) scoring a model) it is a small part of other work.
 * Before: no recognised operation, other.
 */
import type { Expr } from '../ir.js';
import type { Scope } from '../labeller/model.js';
import { T_DATA, T_LABEL } from '../labeller/values.js';
import { attrRoot } from '../labeller/expr-utils.js';

export const ONE_HOT_EV = 'shape: rows of an identity matrix picked by labels (one-hot encoding) -> feature_engineering';

/** `eye(...)` / `identity(...)` of NumPy indexed by one expression that reads data or labels */
export function isOneHotRows(e: Expr, scope: Scope): boolean {
  if (e.k !== 'sub' || e.idx.length !== 1 || e.obj.k !== 'call') return false;
  const q = (n: string): string | null => {
    const v = scope.get(n);
    return v?.mod ? v.q : null;
  };
  const f = e.obj.fn;
  const eye = f.k === 'attr' && f.obj.k === 'name' ? (f.attr === 'eye' || f.attr === 'identity') && q(f.obj.id) === 'numpy' : f.k === 'name' && /^numpy\.(eye|identity)$/.test(q(f.id) ?? '');
  const root = eye ? attrRoot(e.idx[0]!) : null;
  const labels = root ? scope.get(root) : undefined;
  return !!labels && !labels.mod && (labels.taint & (T_DATA | T_LABEL)) !== 0;
}
