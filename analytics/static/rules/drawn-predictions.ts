/**
 * Predictions reshaped for the figure that draws them (issue 13, stacking tutorials): in
 * `data = [go.Heatmap(z=base_predictions.astype(float).corr().values, ...)]` or
 * `sns.heatmap(oof_preds.corr(), annot=True)` the pandas methods run on a frame of predictions take the phase
 * `prediction` from the values they read (labeller/kb-labels.ts), yet they predict nothing: they only prepare what the
 * statement draws, like the data operations of a chain ending in a figure (labeller/statement.ts). The corpus labels
 * such plotting statements visualization alone. The same methods outside a figure (`corr = preds.corr()`) keep
 * their phase; a model's own predict call drawn (`plt.plot(model.predict(X))`) is not a pandas method and is kept.
 */
import type { Signal } from '../labeller/model.js';

/** a pandas method labelled prediction only because its frame or series holds predictions */
const PANDAS_ON_PREDICTIONS_RE = /^pandas\.(DataFrame|Series)\.\w+ -> prediction$/;

/** Weakens, in a statement that draws through a plotting API, the pandas operations on predictions it draws. */
export function predictionsServeTheFigure(sigs: Signal[]): boolean {
  if (!sigs.some((s) => s.src === 'kb' && s.phase === 'visualization')) return false;
  let changed = false;
  for (const s of sigs)
    if (s.src === 'kb' && PANDAS_ON_PREDICTIONS_RE.test(s.ev)) {
      s.phase = 'visualization';
      s.ev = `${s.ev.replace(/ -> \w+$/, '')} (predictions prepared for the figure) -> visualization`;
      changed = true;
    }
  return changed;
}
