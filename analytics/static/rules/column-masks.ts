/**
 * A comparison of column NAMES with literals in the column position of an indexer
 * (`data.loc[:, data.columns != 'class']`, `(X.columns != 'id') & (X.columns != 'y')`) picks columns by name, the way
 * a column list does: it filters no rows. Other masks there (`df.loc[:, df.isnull().mean() < 0.5]`,
 * `df.loc[:, ~df.columns.duplicated()]`) drop columns by their content: cleaning, like a row filter.
 */
import type { Expr } from '../ir.js';
import { isLiteral } from '../labeller/expr-utils.js';

function isColumnsAttr(e: Expr): boolean {
  return e.k === 'attr' && e.attr === 'columns';
}

function namesCompared(e: Expr): boolean {
  if (e.k === 'bin' && (e.op === '&' || e.op === '|')) return namesCompared(e.l) && namesCompared(e.r);
  return e.k === 'cmp' && e.items.length === 2 && e.items.some(isColumnsAttr) && e.items.some(isLiteral);
}

/** True for index `pos` > 0 that compares column names with literals. */
export function isColumnNameMask(index: Expr, pos: number): boolean {
  return pos > 0 && namesCompared(index);
}
