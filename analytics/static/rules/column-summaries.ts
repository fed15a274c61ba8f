/**
 * A table describing a frame column by column (issue 13), the Kaggle `resumetable(df)` helper and its inline forms:
 * `summary = pd.DataFrame(df.dtypes, columns=['dtypes'])`, `summary['missing'] = df.isnull().sum().values`,
 * `summary['uniques'] = df.nunique().values`, `summary['first'] = df.iloc[0].values`. The columns written hold facts
 * about the data (types, gaps, distinct counts, a sample row), made to be looked at: data_exploration, not features.
 */
import type { Expr } from '../ir.js';
import type { Signal } from '../labeller/model.js';

/** reductions giving one value per column of a frame */
const PER_COLUMN = new Set(['sum', 'nunique', 'count', 'mean', 'std', 'min', 'max', 'median', 'skew']);

/** `df.dtypes`, `df.isnull().sum()`, `df.nunique()`, `df.iloc[0]`: one fact per column of df */
function isPerColumnFact(e: Expr): boolean {
  if (e.k === 'attr') return e.attr === 'dtypes';
  if (e.k === 'sub') return e.obj.k === 'attr' && (e.obj.attr === 'iloc' || e.obj.attr === 'loc') && e.idx.length === 1 && e.idx[0]!.k === 'num';
  if (e.k !== 'call' || e.fn.k !== 'attr' || e.args.length > 0) return false;
  if (e.fn.attr === 'sum' || e.fn.attr === 'mean') return e.fn.obj.k === 'call' && e.fn.obj.fn.k === 'attr' && ['isnull', 'isna', 'notnull', 'notna'].includes(e.fn.obj.fn.attr);
  return PER_COLUMN.has(e.fn.attr) && e.fn.attr !== 'sum';
}

/** `pd.DataFrame(df.dtypes, ...)` / `summary['missing'] = df.isnull().sum().values`: a column-by-column summary table */
export function buildsColumnSummary(targets: Expr[], value: Expr): boolean {
  if (value.k === 'call' && value.fn.k === 'attr' && value.fn.attr === 'DataFrame' && value.args.length > 0)
    return isPerColumnFact(value.args[0]!) && targets.every((t) => t.k === 'name');
  const facts = value.k === 'attr' && value.attr === 'values' ? value.obj : null;
  return facts !== null && isPerColumnFact(facts) && targets.length === 1 && targets[0]!.k === 'sub' && targets[0]!.idx.length === 1 && targets[0]!.idx[0]!.k === 'str';
}

/** The summary's columns are facts looked at: their derivation signals give way to data_exploration. */
export function describeColumns(sigs: Signal[]): void {
  for (const x of sigs) if (x.phase === 'feature_engineering' || x.phase === 'data_cleaning') x.w *= 0.2;
  sigs.push({ phase: 'data_exploration', w: 1, ev: 'shape: a column-by-column summary of a frame -> data_exploration', src: 'shape' });
}
