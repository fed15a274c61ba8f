/**
 * A name bound to a scalar literal (`x = 2`, `y = 3`, `name = "ronaldo"`) holds that number or string, not data,
 * whatever the name suggests (`x`, `y`, `data` name features, labels or data elsewhere). Python-basics cells of
 * tutorial kernels (`def add(): x = 2; y = 3; return x + y`, `print(add())`) compute with such values: their results
 * shown are no look at the data. Used by labeller/targets.ts when it binds a name: the name gives no data or label
 * role to such a value (a model role still: `lr = 0.01` sets a hand-written training loop), nor to arithmetic of values
 * that carry no role either (`def f(a, b=1, c=2): y = a + b + c; return y`, called as `f(5)`).
 */
import type { Expr } from '../ir.js';

export function isScalarLiteral(value: Expr | null): boolean {
  if (!value) return false;
  if (value.k === 'num') return true;
  if (value.k === 'str') return value.parts.length === 0;
  return value.k === 'unary' && value.e.k === 'num';
}
