/**
 * Picking the best of results already computed (`best_name = max(cv_scores, key=lambda k: cv_scores[k].mean())`,
 * `best_model = models[best_name]`, `best_thr = thr[np.argmax(tpr - fpr)]`, `best_name = leaderboard.index[0]`) reads
 * a comparison of models or a curve of scores: model_evaluation (the corpus labels). It is tuning only when what it
 * picks from was made by a tuning loop or search (`best_alpha = alphas[np.argmin(cv_rmse)]` after `for a in alphas:`
 * fitted and scored each candidate), or when it starts a running best (`best_aic, best_order = np.inf, None`) that a
 * later loop updates (rules/checkpoint-best.ts tells an epoch loop's checkpoint from a sweep).
 */
import type { Expr } from '../ir.js';
import type { Signal } from '../labeller/model.js';

/** float('inf'), np.inf, -np.inf, 0, None, (np.inf, None): the starting value of a running best */
export function isStartingBest(e: Expr): boolean {
  switch (e.k) {
    case 'num':
    case 'const':
      return true;
    case 'unary':
      return isStartingBest(e.e);
    case 'seq':
      return e.items.length > 0 && e.items.every(isStartingBest);
    case 'attr':
      return e.attr === 'inf' || e.attr === 'Inf';
    case 'call':
      return e.fn.k === 'name' && e.fn.id === 'float' && e.args.length === 1 && e.args[0]!.k === 'str';
    default:
      return false;
  }
}

/** the evidence given to a best pick of compared results */
export const BEST_OF_COMPARISON_EV = (name: string): string => `${name} = best of compared results -> model_evaluation`;

/**
 * candidates = {'ridge': Ridge(alpha=1.0), 'rf': RandomForestRegressor(), ...}: a dict of models built to be compared
 * (model_training, the corpus labels), not a search space of parameter values, whatever its name
 */
export function isModelZoo(e: Extract<Expr, { k: 'dict' }>, sigs: readonly Signal[]): boolean {
  return e.vals.length > 1 && e.vals.every((v) => v.k === 'call') && sigs.some((x) => x.src === 'kb' && x.phase === 'model_training');
}
