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
import { attrRoot } from '../labeller/expr-utils.js';

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

/**
 * list(train) / test_scaled[-LOOKBACK:, 0].tolist() / sales[['sales', 'onpromotion']].copy(): a new list or frame copied
 * from a value (filled afterwards: history.append(test[t]) in a walk-forward loop, window.append(yhat) in a recursive
 * forecast, history.loc[day, 'sales'] = model.predict(...))
 */
export function isFreshList(e: Expr): boolean {
  if (e.k !== 'call' || e.kw.length > 0) return false;
  if (e.fn.k === 'name') return e.fn.id === 'list' && e.args.length === 1 && e.args[0]!.k === 'name';
  return e.fn.k === 'attr' && (e.fn.attr === 'copy' || e.fn.attr === 'tolist') && e.args.length === 0 && attrRoot(e.fn.obj) !== null;
}

export const FRESH_LIST_EV = (name: string): string => `${name} = list(...) (a copy to fill) -> other`;
const FRESH_LIST_EV_RE = /\(a copy to fill\)(, continues \w+)? -> \w+$/;

/**
 * The signals of a copy to fill (`sigs`: the statement's so far): a constant (`other`) when nothing else was said, the
 * phase of the value copied when only that was said (def-use, names), null when the statement does more.
 */
export function freshCopySignals(name: string, sigs: readonly Signal[]): Signal[] | null {
  if (sigs.length === 0) return [{ phase: 'other', w: 0.5, ev: FRESH_LIST_EV(name), src: 'name' }];
  if (!sigs.every((x) => x.src === 'name' && x.phase !== 'other')) return null;
  return sigs.map((x) => ({ ...x, ev: `${name} = ... (a copy to fill), continues ${x.phase} -> ${x.phase}` }));
}

/** the starting value of a copy to fill (either form of freshCopySignals) */
export function isFreshStart(start: Signal): boolean {
  return FRESH_LIST_EV_RE.test(start.ev);
}

/** a copied list takes the phases of a model-building loop that fills it only (lengths = list(...) then drawn stays other) */
export function takesFill(start: Signal, filled: readonly Phase[]): boolean {
  return !FRESH_LIST_EV_RE.test(start.ev) || (filled[0] !== undefined && MODEL_BUILDING.has(filled[0]));
}
