/**
 * Data operations in a chain bound to a figure's handle (issue 13): `ax = log.dropna(subset=['loss']).plot(x='epoch',
 * y='loss')`, `g = sns.FacetGrid(df.dropna(), col='sex')`. The rows dropped or the columns picked serve the figure the
 * statement draws, as in the same chain without the assignment (labeller/statement.ts weighs them down for a bare
 * expression): the cleaning, splitting or feature signals of the knowledge base are weighed down when the statement
 * draws. Pure function of the statement's signals.
 */
import type { Expr } from '../ir.js';
import type { Signal } from '../labeller/model.js';

const SERVING = new Set(['data_cleaning', 'data_splitting', 'feature_engineering']);

/** `name = <call that draws>`: weighs down the data operations of the chain; returns whether any was weighed down. */
export function serveTheFigure(value: Expr | null, sigs: Signal[]): boolean {
  if (!value || value.k !== 'call' || !sigs.some((x) => x.phase === 'visualization' && x.src === 'kb')) return false;
  let changed = false;
  for (const x of sigs)
    if (x.src === 'kb' && SERVING.has(x.phase)) {
      x.w *= 0.3;
      changed = true;
    }
  return changed;
}
