/**
 * Values of a column replaced where a condition holds, written with np.where (issue 13):
 * `df['Fare'] = np.where(df['Fare'] > 500, 500, df['Fare'])` (a cap), `np.where(df.Income < 0, np.nan, df.Income)`
 * (invalid values made missing), `np.where(df['Age'].isnull(), df['Age'].median(), df['Age'])` (an imputation): one
 * branch is the column written itself, the other a constant or a statistic of the data. That is cleaning, like
 * `df.loc[df['Fare'] > 500, 'Fare'] = 500` (labeller/targets.ts); an np.where whose branches transform the column
 * (`np.log(df['x'])`) or that writes another column makes a feature. The bound may be kept in a name the condition
 * compares with (`upper = df.x.quantile(0.99); df['x'] = np.where(df['x'] > upper, upper, df['x'])`): a cap too.
 */
import type { Expr } from '../ir.js';

/** statistics a missing or invalid value is replaced with */
const FILL_STATISTICS = new Set(['median', 'mean', 'mode', 'min', 'max', 'quantile']);

/**
 * whether `value` is np.where(cond, a, b) (`isNumpy` tells the names bound to NumPy) with one branch the column
 * `key` of `frame` itself and the other a constant or a statistic
 */
export function replacesWhere(value: Expr, frame: Expr, key: string, isNumpy: (name: string) => boolean): boolean {
  if (value.k !== 'call' || value.args.length !== 3 || value.fn.k !== 'attr' || value.fn.attr !== 'where') return false;
  if (value.fn.obj.k !== 'name' || !isNumpy(value.fn.obj.id)) return false;
  const [cond, a, b] = value.args as [Expr, Expr, Expr];
  const same = (e: Expr): boolean => isColumn(e, frame, key);
  const fill = (e: Expr): boolean => isFill(e, isNumpy) || isComparedBound(e, cond, same);
  return (same(a) && fill(b)) || (same(b) && fill(a));
}

/** df['Fare'] / df.Fare of the same frame (a plain name) */
function isColumn(e: Expr, frame: Expr, key: string): boolean {
  if (frame.k !== 'name') return false;
  if (e.k === 'sub') return e.obj.k === 'name' && e.obj.id === frame.id && e.idx.length === 1 && e.idx[0]!.k === 'str' && e.idx[0]!.parts.length === 0 && e.idx[0]!.v === key;
  return e.k === 'attr' && e.obj.k === 'name' && e.obj.id === frame.id && e.attr === key;
}

/** 500 / -1 / 'unknown' / None / np.nan / df['Age'].median() / df['Age'].mode()[0] */
function isFill(e: Expr, isNumpy: (name: string) => boolean): boolean {
  switch (e.k) {
    case 'num':
    case 'const':
      return true;
    case 'str':
      return e.parts.length === 0;
    case 'unary':
      return isFill(e.e, isNumpy);
    case 'attr':
      return e.obj.k === 'name' && isNumpy(e.obj.id) && /^(nan|NaN|NAN|inf|Inf|PINF|NINF)$/.test(e.attr);
    case 'sub':
      return isFill(e.obj, isNumpy);
    case 'call':
      return e.fn.k === 'attr' && FILL_STATISTICS.has(e.fn.attr);
    default:
      return false;
  }
}

/** a name the condition compares the column itself with: `upper` in np.where(df['x'] > upper, upper, df['x']) */
function isComparedBound(e: Expr, cond: Expr, isTheColumn: (e: Expr) => boolean): boolean {
  if (e.k !== 'name' || cond.k !== 'cmp') return false;
  return cond.items.some(isTheColumn) && cond.items.some((i) => i.k === 'name' && i.id === e.id);
}
