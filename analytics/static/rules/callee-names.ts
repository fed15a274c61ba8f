/**
 * Phases of functions the analyser cannot see (issue 13): helpers imported from the user's own modules
 * (`from utils.plots import plot_survival_by`) or otherwise unresolved, judged by the verb of their name.
 * Used only when the callee resolves to nothing in the knowledge base and to no function of the file, and
 * only for calls by name (not methods of values). Ordered: the first match wins.
 */
import type { Phase } from '../phases.js';

export interface CalleeNameRule {
  re: RegExp;
  phase: Phase;
  /** why the verb means the phase */
  why: string;
}

export const CALLEE_NAME_RULES: readonly CalleeNameRule[] = [
  { re: /(^|_)(plot|plots|draw|chart|visuali[sz]e|graph|heatmap|histogram|show_(dist|distribution|image|images|samples|corr)|save_?(fig|figure|plot|chart))(_|$)|^(plot|draw|show)[A-Z]/i, phase: 'visualization', why: 'draws a figure' },
  { re: /(^|_)(encode|encoding|one_hot|onehot|dummies|add_\w*features?|make_features?|build_features?|feature_engineering|engineer\w*|extract_features?|scale|normali[sz]e_features)(_|$)/i, phase: 'feature_engineering', why: 'derives or encodes features' },
  { re: /(^|_)(clean|cleaning|impute|fill_missing|fill_na|drop_outliers|remove_outliers|dedupe|deduplicate)(_|$)/i, phase: 'data_cleaning', why: 'cleans data' },
  { re: /(^|_)(train|fit)(_(model|models|net|network|classifier|regressor|epoch|one_epoch))?$|^(train|fit)_/i, phase: 'model_training', why: 'trains a model' },
  { re: /(^|_)(evaluate|evaluation|score_model|cross_validate|validate_model)(_|$)/i, phase: 'model_evaluation', why: 'evaluates a model' },
];

export function phaseOfCalleeName(name: string): CalleeNameRule | null {
  for (const r of CALLEE_NAME_RULES) if (r.re.test(name)) return r;
  return null;
}
