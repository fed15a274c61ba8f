/**
 * Data operations in a chain bound to a figure's handle (issue 13): `ax = log.dropna(subset=['loss']).plot(x='epoch',
 * y='loss')`, `g = sns.FacetGrid(df.dropna(), col='sex')`. The rows dropped or the columns picked serve the figure the
 * statement draws, as in the same chain without the assignment (labeller/statement.ts weighs them down for a bare
 * expression): the cleaning, splitting or feature signals of the knowledge base are weighed down when the statement
 * draws. So do the columns a loop that only draws iterates over (`for ax, col in zip(axes.flat, df.drop(columns=['id',
 * 'status']).columns): sns.kdeplot(data=df, x=col, ax=ax)`). Pure functions of the statements' signals.
 */
import type { Expr } from '../ir.js';
import type { Signal } from '../labeller/model.js';
import { onlyPicks } from './plot-only.js';

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

/**
 * The signals of the head of a loop whose body only draws: values picked out (rules/plot-only.ts), or data operations
 * of the knowledge base (the columns dropped to choose what to draw, their labels read) that serve the figures.
 */
export function headServesFigure(sigs: readonly Signal[]): boolean {
  return sigs.every((x) => onlyPicks([x]) || (x.src === 'kb' && (SERVING.has(x.phase) || (x.attr === true && x.phase === 'data_exploration'))));
}
