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
