/**
 * Predictions looked at next to the truth with pandas are evaluated (issue 13): a cross-table of labels and predictions
 * (`pd.crosstab(y_va, va_pred)`, a confusion matrix by hand), or a summary of a table holding both
 * (`per = pd.DataFrame({'true': y, 'pred': p}); per.groupby('true')['correct'].mean()`), and the columns such a table
 * is given from both (`per['correct'] = per['true'] == per['pred']`, `errors['abs_err'] = (errors.actual - errors.pred).abs()`)
 * score the predictions: not features. Decided by the dataflow roles of the values: predictions and labels together.
 */
import type { Expr } from '../ir.js';
import type { Scope, Val } from '../labeller/model.js';
import { T_DATA, T_LABEL, T_METRIC, T_PRED } from '../labeller/values.js';

/** pandas' cross-tables and group summaries (arithmetic on arrays is not looking at a table) */
const TABLE_SUMMARY_RE = /^pandas\.(crosstab|pivot_table|GroupBy\.\w+|(DataFrame|Series)\.(groupby|value_counts|pivot_table|describe))$/;

/** statistics of a pair of samples: a correlation (`np.corrcoef(y_test, pred)`) or a test (`stats.pearsonr(y_test, pred)`) */
const PAIR_STATISTIC_RE = /^(numpy\.(corrcoef|cov)|scipy\.stats\.\w+)$/;

/** a pandas table summary, or a statistic of a pair of samples (`name`), whose receiver, or else arguments, hold predictions and labels */
export function comparesWithTruth(name: string, recv: Val | null, args: readonly Val[]): boolean {
  if (!TABLE_SUMMARY_RE.test(name) && !(recv === null && PAIR_STATISTIC_RE.test(name))) return false;
  let taint = 0;
  if (recv && !recv.mod) taint = recv.taint;
  else for (const a of args) taint |= a.taint;
  return (taint & T_PRED) !== 0 && (taint & T_LABEL) !== 0;
}

/** a new column of a table holding predictions and labels (or scores), computed from scores or from both */
export function scoresColumn(tableTaint: number, valueTaint: number): boolean {
  const truthAndPred = (t: number): boolean => (t & T_PRED) !== 0 && (t & T_LABEL) !== 0;
  return (truthAndPred(tableTaint) || ((tableTaint & T_PRED) !== 0 && (tableTaint & T_METRIC) !== 0)) && ((valueTaint & T_METRIC) !== 0 || truthAndPred(valueTaint));
}

/**
 * a value made by scoring or predicting (wrong = np.where(pred != y_test)[0]), or holding only results; a data set
 * given a column of cluster labels is still data
 */
export function isResultValue(v: Val): boolean {
  return v.origin === 'model_evaluation' || v.origin === 'prediction' || ((v.taint & (T_PRED | T_METRIC)) !== 0 && (v.taint & T_DATA) === 0);
}

/** print(len(wrong), 'misclassified'): the count of results shown */
export function countsResults(e: Expr, scope: Scope): boolean {
  if (e.k !== 'call' || e.fn.k !== 'name' || e.fn.id !== 'len' || e.args.length !== 1 || e.args[0]!.k !== 'name') return false;
  const v = scope.get(e.args[0]!.id);
  return !!v && !v.mod && isResultValue(v);
}
