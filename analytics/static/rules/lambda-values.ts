/**
 * A lambda that reads nothing but its own parameters (`square = lambda x: x**2`, `map(lambda x: x**2, number_list)`)
 * is a function of whatever it is given. Its parameters (which shadow any name bound outside) would otherwise take a
 * data or label role from their names (`x`, `y`), and the function would look like derived data. Its value drops
 * those roles; a lambda reading bound names (`lambda r: model.predict(r)`, `lambda s: s.fillna(df.x.median())`) keeps what they carry.
 * Used by labeller/expr.ts for lambda expressions (Python-basics cells of tutorial kernels, issue 13).
 */
import type { Expr } from '../ir.js';
import type { Scope, Val } from '../labeller/model.js';
import { EMPTY, T_DATA, T_LABEL } from '../labeller/values.js';
import { exprChildren } from './candidates.js';

function readsBoundData(e: Expr, params: ReadonlySet<string>, scope: Scope): boolean {
  if (e.k === 'name') {
    const v = params.has(e.id) ? undefined : scope.get(e.id);
    return v !== undefined && !v.mod;
  }
  return exprChildren(e).some((c) => readsBoundData(c, params, scope));
}

/** The value of `lambda <params>: <body>` given its body's value: no data or label role when only parameters are read. */
export function lambdaValue(e: Extract<Expr, { k: 'lambda' }>, bodyVal: Val, scope: Scope): Val {
  if (readsBoundData(e.body, new Set(e.params ?? []), scope)) return bodyVal;
  // (nor what an outside name of a parameter's name was made by: its type, its origin)
  return { ...EMPTY, taint: bodyVal.taint & ~(T_DATA | T_LABEL) };
}
