/**
 * What names say (issue 13's name heuristics, kept in one place): the roles a variable's name suggests
 * (predictions, labels, features, data frames, models, metrics) and the name patterns rules test.
 */
import type { Val } from './model.js';
import { T_DATA, T_LABEL, T_MODEL, T_PRED, T_METRIC, EMPTY } from './values.js';

export const PRED_RE = /(^|_)(pred|preds|prediction|predictions|predicted|yhat|y_hat|forecast|forecasts|probs|proba|outputs?|oof)(_|$|\d)/i;
export const LABEL_RE = /^([yY](_\w*|\d\w*|[bsij]|hat\w*|tr\w*|te\w*|va\w*|vl\w*|dev\w*|true\w*|pred\w*|log\w*|batch\w*|all\w*|full\w*|sub\w*)?|labels?|targets?|truth|ground_truth|\w+_labels?|\w+_target|(train|test|val|valid|tr|te|dev)_(y|Y))$/;
export const FEATURE_RE = /^(X|x|X_?\w*|x_(train|test|val|valid|tr|te)\w*|features?|feats?|inputs?|(train|test|val|valid|tr|te|dev)_(X|x))$/;
export const DF_RE = /^(df\w*|\w*_df|data|dataset|dataframe|data_frame|frame|df|train|test|train_data|test_data|raw|raw_data|\w*_data|data_\w+|full|combined|housing|titanic|iris)$/i;
export const MODEL_RE = /^(model|models|clf|classifier|regressor|reg|estimator|rf|svm|svc|knn|xgb|lgbm|gbm|net|network|pipe|pipeline|\w*_model|model_\w+|\w*_clf|nn)$/i;
/** the true values predictions are scored against (y_true, trues, actual): kept for an evaluation */
export const TRUTH_RE = /^(y_true|Y_true|y_?true_\w+|trues|true_labels|true_values?|true_vals?|y_actual|actuals?|ground_truth|truth)$/;
export const METRIC_RE = /(^|_)(score|scores|acc|accuracy|loss|losses|err|error|errors|mse|rmse|mae|r2|auc|f1|smape|mape|rmsle|msle|logloss|gini|kappa|precision|recall|metrics?|results?|history|hist|cm|conf_mat|confusion|report|wcss|inertia|importances?|cv_scores?|residuals?)(_|$|\d)/i;
export const WEIGHT_RE = /^(w|W|w\d|W\d|weights?|theta|beta|coef|coefs|params|b|bias)$/;
export const GRAD_RE = /(grad|gradient|d_?cost|d_?loss|deriv|delta|dw|db|learning_rate|lr|alpha|eta|step)/i;
export const LOAD_FN_RE = /(^|_)(load|read|fetch|download|get_data|open|import_data|load_data|read_data|get_dataset|scrape|query)(_|$)|^(load|read|fetch|download)/i;
export const SEED_RE = /(^|_)seed(_|$)/i;
export const MUTATORS = new Set(['append', 'extend', 'update', 'add', 'insert', 'setdefault', 'appendleft']);
export const SPLIT_NAME_RE = /(^|_)(train|test|val|valid|validation|holdout|tr|te|va|trn|tst|dev)(_|$|\d)/i;
export const BEST_RE = /^best(_|$)/i;
/** best_features / best_cols: a selection of features, not a tuning result */
export const BEST_FEATURES_RE = /^best_(feat|features?|cols?|columns?|vars?|predictors?)$/i;
/** Kaggle submission frames: what they hold are predictions */
export const SUBMISSION_RE = /^(sub|subm|submission|submit|my_submission|sample_sub|sample_submission)(_?df)?$|^submission_\w+$|_(submission|sub)$/i;
export const TYPE_FIX_METHODS = new Set(['astype', 'to_numpy', 'infer_objects', 'convert_dtypes']);
export const SHOW_METHODS = new Set(['sample', 'sort_values', 'nlargest', 'nsmallest', 'query', 'sort_index']);
export const APPLY_METHODS = new Set(['apply', 'map', 'applymap', 'transform', 'agg', 'aggregate', 'pipe', 'progress_apply', 'parallel_apply']);
export const ID_RE = /(^|_)(ids?|ID|IDs|Id)$|[a-z](Id|ID)s?$/;
export const SUBMISSION_STRONG_RE = /submission|submit/i;
/** lists of column names: feature / column selection */
export const COLS_RE = /(^|_)(cols|columns|col_names|column_names|features|feats|feature_names|feature_cols|predictors|vars|variables)$/i;
/** methods returning a boolean row mask (df[df.x.notnull()]) */
export const MASK_METHODS = new Set(['notnull', 'notna', 'isnull', 'isna', 'isin', 'between', 'duplicated', 'contains', 'startswith', 'endswith', 'str']);
/** user functions named after a metric or a cleaning step */
export const EVAL_FN_RE = /(^|_)(score|scores|metric|metrics|evaluate|eval|error|rmse|rmsle|mae|mse|smape|mape|msle|auc|gini|accuracy|kappa|logloss|cv_score|cross_val)(_|$)/i;
export const CLEAN_FN_RE = /(^|_)(clean|cleaning|cleanup|impute|fill_missing|remove_outliers|preprocess_text|clean_text|normalize_text)(_|$)/i;
export const HT_GRID_RE = /(grid|dist|space|search|candidates|hyper|param_list)/i;
export const GRID_RE = /(param|grid|space|search|candidates|hyper)/i;

export const nameValMemo = new Map<string, Val>();
export function nameVal(id: string): Val {
  let v = nameValMemo.get(id);
  if (!v) {
    v = nameValUncached(id);
    if (nameValMemo.size > 100_000) nameValMemo.clear();
    nameValMemo.set(id, v);
  }
  return v;
}

export function nameValUncached(id: string): Val {
  if (PRED_RE.test(id)) return { ...EMPTY, taint: T_PRED };
  if (METRIC_RE.test(id)) return { ...EMPTY, taint: T_METRIC };
  if (LABEL_RE.test(id)) return { ...EMPTY, taint: T_LABEL | T_DATA };
  if (FEATURE_RE.test(id)) return { ...EMPTY, taint: T_DATA };
  if (DF_RE.test(id)) return { ...EMPTY, t: /df/i.test(id) ? 'pandas.DataFrame' : null, taint: T_DATA };
  if (MODEL_RE.test(id)) return { ...EMPTY, taint: T_MODEL };
  return EMPTY;
}
