// Issue 13: pandas summaries (idxmax, groupby means, head) of a model's results (a profile of the clusters found,
// a frame of true and predicted classes) look at what the model does: model_evaluation; the same summaries of the
// data stay data_exploration.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('summaries of evaluation tables are not data exploration', () => {
  assertPhases('results.py', [
    'import pandas as pd',
    'from sklearn.cluster import KMeans',
    'df = pd.read_csv("countries.csv")',
    ['df["income"].idxmax()', ['data_exploration'], 'a summary of the data'],
    'km = KMeans(n_clusters=3).fit(df[["income", "gdpp"]])',
    'df["cluster"] = km.labels_',
    ['profile = df.groupby("cluster")[["income", "gdpp"]].mean()', ['model_evaluation']],
    ['richest = profile["income"].idxmax()', ['model_evaluation']],
  ]);
});

// Issue 13 (model explanation): an importance table or a frame of SHAP / permutation ranks sorted, re-indexed, summed
// or joined only rearranges what evaluating the model produced: model_evaluation, not data_cleaning or feature_engineering.
test('tables of an evaluation reshaped stay model evaluation', () => {
  assertPhases('importances.py', [
    'import numpy as np',
    'import pandas as pd',
    'import shap',
    'from sklearn.ensemble import RandomForestClassifier',
    'df = pd.read_csv("heart.csv")',
    'X = df.drop(columns="target")',
    'y = df["target"]',
    'rf = RandomForestClassifier().fit(X, y)',
    ['imp = pd.DataFrame({"feature": X.columns, "importance": rf.feature_importances_})', ['model_evaluation']],
    ['imp = imp.sort_values("importance", ascending=False).reset_index(drop=True)', ['model_evaluation']],
    ['imp["cumulative"] = imp["importance"].cumsum()', ['model_evaluation']],
    'shap_values = shap.TreeExplainer(rf).shap_values(X)',
    ['shap_imp = pd.Series(np.abs(shap_values[1]).mean(axis=0), index=X.columns)', ['model_evaluation'], 'X read only for its column names'],
    ['ranks = pd.concat([shap_imp.rank(), imp.set_index("feature")["importance"].rank()], axis=1)', ['model_evaluation']],
    ['df = df.reset_index(drop=True)', ['data_cleaning'], 'the data re-indexed is still cleaning'],
  ]);
});

// A value made only of an evaluation's results with nothing else saying what it is (a mean of SHAP values, a frame of
// permutation importances) is the evaluation's, and a column added to such a table keeps it the evaluation's.
test('values made only of evaluation results are model evaluation', () => {
  assertPhases('explain.py', [
    'import numpy as np',
    'import pandas as pd',
    'import shap',
    'from sklearn.ensemble import RandomForestClassifier',
    'from sklearn.inspection import permutation_importance',
    'df = pd.read_csv("heart.csv")',
    'X = df.drop(columns="target")',
    'y = df["target"]',
    'rf = RandomForestClassifier().fit(X, y)',
    'perm = permutation_importance(rf, X, y, n_repeats=5)',
    ['perm_df = pd.DataFrame({"feature": X.columns, "mean": perm.importances_mean}).sort_values("mean")', ['model_evaluation']],
    'imp = pd.DataFrame({"feature": X.columns, "importance": rf.feature_importances_})',
    ['imp["cumulative"] = imp["importance"].cumsum()', ['model_evaluation']],
    'sv = shap.TreeExplainer(rf).shap_values(X)',
    ['shap_imp = pd.Series(np.abs(sv[1]).mean(axis=0), index=X.columns).sort_values(ascending=False)', ['model_evaluation']],
    ['ranks = pd.concat([shap_imp.rank(), imp.set_index("feature")["importance"].rank(), perm_df.set_index("feature")["mean"].rank()], axis=1)', ['model_evaluation']],
    ['ranks', ['model_evaluation']],
  ]);
});
