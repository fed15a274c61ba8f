/**
 * A helper that fits a model, predicts with it and scores the predictions (`def run_model(model, X_train, y_train,
 * X_test, y_test): model.fit(...); y_pred = model.predict(X_test); print(accuracy_score(...)); ...`) does all three at
 * every call: the corpus labels such helpers and their calls model_training, prediction, model_evaluation. Counting
 * statements would leave only the scoring (several print / metric statements outweigh one fit and one predict).
 */
import type { Signal } from '../labeller/model.js';

/** evidence of fitting a model: a library's fit / train, or a user training function */
const FIT_EV_RE = /\.(fit|fit_generator|train)\b|^(xgboost|lightgbm|catboost)\.train\b|\(user function\)/;

/** a user function's call (the NumPy tutorials' y_prediction_test = predict(w, b, x_test)), and predictions compared with labels by hand (100 - np.mean(np.abs(y_pred - y_test)) * 100) */
const USER_CALL_EV_RE = /\(user function\)/;
const HELD_PREDICTIONS_EV_RE = /^shape: .* holds predictions -> prediction$/;
const COMPARED_EV_RE = /^shape: predictions compared with labels -> model_evaluation$/;

/** the body's statements fit a model, predict with a library model (or a user helper) and score with a library metric (or by hand) */
export function fitsPredictsScores(records: readonly { sigs: readonly Signal[] }[]): boolean {
  const has = (ok: (x: Signal) => boolean): boolean => records.some((r) => r.sigs.some(ok));
  return has((x) => x.phase === 'model_training' && (x.src === 'kb' || x.src === 'user') && FIT_EV_RE.test(x.ev)) &&
    has((x) => x.phase === 'prediction' && (x.src === 'kb' || (x.src === 'user' && USER_CALL_EV_RE.test(x.ev)) || (x.src === 'shape' && HELD_PREDICTIONS_EV_RE.test(x.ev)))) &&
    has((x) => x.phase === 'model_evaluation' && (x.src === 'kb' || (x.src === 'shape' && COMPARED_EV_RE.test(x.ev))));
}
