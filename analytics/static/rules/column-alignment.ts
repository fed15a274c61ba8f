/**
 * Columns aligned to another frame (issue 13): `X_sub = X_sub.reindex(columns=X.columns, fill_value=0)` and
 * `test = test.reindex(columns=train.columns.drop('Survived'), fill_value=0)` give the test matrix the training
 * matrix's columns after one-hot encoding (a category unseen in one of them leaves a column missing): the feature
 * matrix is being built, feature_engineering, not a repair of the data set. Other in-place reorganisations
 * (`df = df.set_index('date')`) stay data_cleaning in labeller/assign.ts.
 */
import type { Expr } from '../ir.js';
import { isReorganisation } from './encoding.js';

/** `e` mentions `<frame>.columns` (the columns of another frame, possibly with some dropped) */
function mentionsColumnsOf(e: Expr): boolean {
  if (e.k === 'attr') return (e.attr === 'columns' && e.obj.k === 'name') || mentionsColumnsOf(e.obj);
  if (e.k === 'call') return mentionsColumnsOf(e.fn);
  if (e.k === 'sub') return mentionsColumnsOf(e.obj);
  return false;
}

/** `df.reindex(columns=other.columns ...)`: the columns made the same as another frame's */
export function alignsColumns(value: Expr): boolean {
  if (value.k !== 'call' || value.fn.k !== 'attr' || value.fn.attr !== 'reindex') return false;
  const columns = value.kw.find(([name]) => name === 'columns')?.[1];
  return columns !== undefined && mentionsColumnsOf(columns);
}

/**
 * `x = x.<method>(...)` continues feature engineering: a reorganisation (reshape, astype, drop) of what feature
 * engineering made, or its columns aligned to another frame's
 */
export function continuesFeatures(madeBy: string | null | undefined, value: Expr): boolean {
  if (value.k !== 'call' || value.fn.k !== 'attr') return false;
  return (madeBy === 'feature_engineering' && isReorganisation(value.fn.attr)) || alignsColumns(value);
}
