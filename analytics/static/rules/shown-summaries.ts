/**
 * Values transformed only to be summarised and shown (issue 13): `df['text'].str.split().str.len().describe()`,
 * `print(f"{df.text.str.split().str.len().mean():.1f} words")`. An expression statement keeps nothing: the splits,
 * lengths or casts computed inside a summary it shows serve the look at the data (data_exploration), as the data
 * operations of a chain that ends in a figure serve the figure (labeller/statement.ts). A summary handed to an
 * operation (`df.x.fillna(df.x.median(), inplace=True)`) is not what the statement shows.
 */
import type { Expr } from '../ir.js';
import type { Signal } from '../labeller/model.js';

const SUMMARY_METHODS = new Set(['describe', 'mean', 'median', 'max', 'min', 'sum', 'std', 'var', 'value_counts', 'nunique', 'unique', 'quantile', 'count', 'mode', 'skew']);

/** `s.describe()`, `s.str.len().mean().round(1)`: a summary, possibly rounded or re-sorted, as the shown value */
function isSummary(e: Expr): boolean {
  if (e.k !== 'call' || e.fn.k !== 'attr') return false;
  if (SUMMARY_METHODS.has(e.fn.attr)) return !e.kw.some(([k]) => k === 'inplace');
  return ['round', 'head', 'tail', 'sort_index', 'sort_values', 'to_frame'].includes(e.fn.attr) && isSummary(e.fn.obj);
}

/** The statement shows a summary: the summary itself, or inside print(...) / an f-string printed. */
export function showsSummary(e: Expr): boolean {
  if (isSummary(e)) return true;
  if (e.k === 'call' && e.fn.k === 'name' && e.fn.id === 'print') return e.args.length > 0 && e.args.every((a) => isSummary(a) || (a.k === 'str' && a.parts.some(isSummary)) || a.k === 'str');
  return false;
}

/** Down-weights the transformations inside a shown summary: they are part of the look, not features or cleaning kept. */
export function serveTheSummary(sigs: Signal[]): void {
  for (const x of sigs) if (x.src === 'kb' && (x.phase === 'feature_engineering' || x.phase === 'data_cleaning')) x.w *= 0.3;
}
