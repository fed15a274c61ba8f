/**
 * Binning by ranges written in place (issue 13): `dataset.loc[dataset['Age'] <= 16, 'Age'] = 0`,
 * `dataset.loc[(dataset['Age'] > 16) & (dataset['Age'] <= 32), 'Age'] = 1` (the Titanic kernels' ordinal bands) replace
 * a numeric column by the code of the range it falls in: an encoding, feature_engineering (corpus README: integer codes
 * are encodings). A masked write is otherwise a repair (data_cleaning): a sentinel or outlier set missing
 * (`df.loc[df['age'] > 110, 'age'] = np.nan`), a value capped at its own bound (`df.loc[df.x > 100, 'x'] = 100`), a
 * value picked by equality (`df.loc[df.x == 99, 'x'] = 0`).
 */
import type { Expr } from '../ir.js';

export const BINNING_EV = 'shape: a range of a column replaced by an integer code (binning) -> feature_engineering';

const ORDER_OPS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);

/** the string key of `df['Age']` / the attribute of `df.Age`, null otherwise */
function columnOf(e: Expr): string | null {
  if (e.k === 'sub' && e.idx.length === 1 && e.idx[0]!.k === 'str' && e.idx[0]!.parts.length === 0) return e.idx[0]!.v;
  if (e.k === 'attr' && e.obj.k === 'name') return e.attr;
  return null;
}

/** every comparison of the mask orders `column` against numbers other than `code`; at least one comparison */
function rangeOf(e: Expr, column: string, code: number): boolean {
  if (e.k === 'bin' && (e.op === '&' || e.op === 'and')) return rangeOf(e.l, column, code) && rangeOf(e.r, column, code);
  if (e.k !== 'cmp' || !e.ops || e.ops.length === 0 || !e.ops.every((o) => ORDER_OPS.has(o))) return false;
  const cols = e.items.map(columnOf);
  const nums = e.items.filter((x) => x.k === 'num' || (x.k === 'unary' && x.e.k === 'num'));
  return cols.includes(column) && nums.length === e.items.length - 1 && nums.every((x) => x.k !== 'num' || x.v !== code);
}

/**
 * `target[mask, 'col'] = k` (the `.loc` indexer's subscript: `idx` its index expressions) with k a small non-negative
 * integer and the mask a range of the same column
 */
export function isRangeBinning(idx: readonly Expr[], value: Expr): boolean {
  if (value.k !== 'num' || !Number.isInteger(value.v) || value.v < 0 || value.v > 20 || idx.length !== 2) return false;
  const [mask, key] = idx as [Expr, Expr];
  return key.k === 'str' && key.parts.length === 0 && rangeOf(mask, key.v, value.v);
}
