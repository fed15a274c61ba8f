/**
 * An accumulator initialised for a loop (`train_losses, val_losses = [], []`, `rows = []`, `oof = np.zeros(n)`) takes
 * the phase of the loop that fills it (corpus README). A loop of model building usually does several things at once
 * (fit then score each model, train then validate each epoch, predict then score each fold): the accumulator takes
 * every model-building phase the loop shows (`model_training, model_evaluation`), not only its strongest one; the
 * predictions of a loop that scores them serve the scores (prediction only when it is the loop's main phase), and a
 * loop that only cross-validates models it builds adds no training. A list copied to be filled (`history = list(train)`
 * before a walk-forward loop appending each observed value) is such an accumulator too.
 */
import type { Expr } from '../ir.js';
import type { Phase } from '../phases.js';
import type { Signal } from '../labeller/model.js';
import { finalize, LOOP_SECONDARY_RATIO, SECONDARY_RATIO } from '../labeller/signals.js';

/** evidence of a training step: a fit, an optimiser step, a boosting library's train, a user training function */
const FIT_EV_RE = /\.(fit|partial_fit|fit_generator|train_on_batch|step|backward|train)\b|\(user function\)|updated|^xgboost\.train|^lightgbm\.train/;

const MODEL_BUILDING: ReadonlySet<Phase> = new Set<Phase>(['model_training', 'model_evaluation', 'prediction']);

/** the phases an accumulator filled by a statement (its signals, its main phase `top`) takes, strongest first */
export function accumulatorPhases(sigs: Signal[], top: Phase, loop: boolean): Phase[] {
  if (!MODEL_BUILDING.has(top)) return [top];
  const shown = finalize(sigs, loop ? LOOP_SECONDARY_RATIO : SECONDARY_RATIO).phases.filter((p) => MODEL_BUILDING.has(p));
  // predictions a loop scores (fit, predict, accuracy_score per model) serve the scoring: what it keeps is scores
  const scores = top === 'model_evaluation' || shown.includes('model_evaluation');
  // a model only built to be cross-validated (cross_validate(make_pipeline(..., est), X, y)) is no training step
  const fits = sigs.some((x) => x.phase === 'model_training' && FIT_EV_RE.test(x.ev));
  return [top, ...shown.filter((p) => p !== top && !(p === 'prediction' && scores) && !(p === 'model_training' && !fits))];
}

/** list(train): a new list copied from a value (filled afterwards: history.append(test[t]) in a walk-forward loop) */
export function isFreshList(e: Expr): boolean {
  return e.k === 'call' && e.fn.k === 'name' && e.fn.id === 'list' && e.args.length === 1 && e.args[0]!.k === 'name' && e.kw.length === 0;
}

export const FRESH_LIST_EV = (name: string): string => `${name} = list(...) (a copy to fill) -> other`;
const FRESH_LIST_EV_RE = / = list\(\.\.\.\) \(a copy to fill\) -> other$/;

/** a copied list takes the phases of a model-building loop that fills it only (lengths = list(...) then drawn stays other) */
export function takesFill(start: Signal, filled: readonly Phase[]): boolean {
  return !FRESH_LIST_EV_RE.test(start.ev) || (filled[0] !== undefined && MODEL_BUILDING.has(filled[0]));
}
