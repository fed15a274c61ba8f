/**
 * A helper that fits a model, predicts with it and scores the predictions (`def run_model(model, X_train, y_train,
 * X_test, y_test): model.fit(...); y_pred = model.predict(X_test); print(accuracy_score(...)); ...`) does all three at
 * every call: the corpus labels such helpers and their calls model_training, prediction, model_evaluation. Counting
 * statements would leave only the scoring (several print / metric statements outweigh one fit and one predict).
 */
import type { Signal } from '../labeller/model.js';

/** evidence of fitting a model: a library's fit / train, or a user training function */
const FIT_EV_RE = /\.(fit|fit_generator|train)\b|^(xgboost|lightgbm|catboost)\.train\b|\(user function\)/;

/** the body's statements fit a model, predict with a library model and score with a library metric */
export function fitsPredictsScores(records: readonly { sigs: readonly Signal[] }[]): boolean {
  const has = (ok: (x: Signal) => boolean): boolean => records.some((r) => r.sigs.some(ok));
  return has((x) => x.phase === 'model_training' && (x.src === 'kb' || x.src === 'user') && FIT_EV_RE.test(x.ev)) &&
    has((x) => x.phase === 'prediction' && x.src === 'kb') &&
    has((x) => x.phase === 'model_evaluation' && x.src === 'kb');
}
