// Issue 13 (corpus README: feature selection is feature_engineering): a selector's estimator, its scores, the columns
// it keeps or rejects, what is made of those alone and the drop of the rejected columns are feature selection; data
// transformed by it, a model trained on the kept columns and a plot of the scores keep their phases.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test("a feature selector's outputs are feature engineering", () => {
  assertPhases('selection.py', [
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    'from sklearn.feature_selection import RFECV, VarianceThreshold, mutual_info_classif',
    'from sklearn.linear_model import LogisticRegression',
    'df = pd.read_csv("parkinsons.csv")',
    'X = df.drop(columns="status")',
    'y = df["status"]',
    ['vt = VarianceThreshold(threshold=0.01).fit(X)', ['feature_engineering']],
    ['low_var = X.columns[~vt.get_support()]', ['feature_engineering']],
    ["print(f'{len(low_var)} low-variance features: {list(low_var)}')", ['feature_engineering'], 'the rejected columns shown'],
    ['X = X.drop(columns=low_var)', ['feature_engineering'], 'the rejected columns dropped'],
    ['mi = mutual_info_classif(X, y)', ['feature_engineering']],
    ['mi_scores = pd.Series(mi, index=X.columns).sort_values(ascending=False)', ['feature_engineering']],
    ['mi_scores.head(10)', ['feature_engineering'], 'the scores shown'],
    ['mi_scores.plot.bar()', ['visualization']],
    ['rfecv = RFECV(estimator=LogisticRegression(max_iter=1000), cv=5, scoring="roc_auc")', ['feature_engineering'], "the selector's estimator is the selector's"],
    'rfecv.fit(X, y)',
    ["print('Optimal number of features:', rfecv.n_features_)", ['feature_engineering']],
    ['selected = X.columns[rfecv.support_].tolist()', ['feature_engineering']],
    ['X.head()', ['data_exploration'], 'the data itself looked at'],
    ['model = LogisticRegression().fit(X[selected], y)', ['model_training']],
  ]);
});

// The correlation filter (corpus README): a correlation matrix computed only to pick the columns to drop is feature
// selection; one also drawn stays a look at the data.
test('a correlation matrix made only to drop correlated columns is feature engineering', () => {
  assertPhases('correlated.py', [
    'import numpy as np',
    'import pandas as pd',
    'import seaborn as sns',
    'df = pd.read_csv("parkinsons.csv")',
    'X = df.drop(columns=["name", "status"])',
    ['corr_matrix = X.corr().abs()', ['feature_engineering']],
    ['upper = corr_matrix.where(np.triu(np.ones(corr_matrix.shape), k=1).astype(bool))', ['feature_engineering']],
    ['to_drop = [column for column in upper.columns if any(upper[column] > 0.95)]', ['feature_engineering']],
    ["print(f'Dropping {len(to_drop)} features:', to_drop)", ['feature_engineering']],
    ['X = X.drop(columns=to_drop)', ['feature_engineering']],
    ['corr = df.corr()', ['data_exploration'], 'drawn below: a look at the data'],
    'sns.heatmap(corr)',
    'high = [c for c in corr.columns if any(corr[c] > 0.9)]',
  ]);
});

// A table or a dict made only of a selector's outputs is the selection's, not left to its next reader.
test("tables and dicts of a selector's outputs are feature engineering", () => {
  assertPhases('scores.py', [
    'import pandas as pd',
    'from sklearn.feature_selection import chi2, SelectKBest',
    'from sklearn.model_selection import cross_val_score',
    'from sklearn.linear_model import LogisticRegression',
    'df = pd.read_csv("parkinsons.csv")',
    'X = df.drop(columns="status")',
    'y = df["status"]',
    'chi_scores, p_values = chi2(X, y)',
    ["chi_df = pd.DataFrame({'feature': X.columns, 'chi2': chi_scores, 'p_value': p_values}).sort_values('chi2', ascending=False)", ['feature_engineering']],
    ['chi_df.head(10)', ['feature_engineering']],
    'kbest = SelectKBest(chi2, k=10).fit(X, y)',
    'chi2_features = X.columns[kbest.get_support()].tolist()',
    ["subsets = {'all': X.columns.tolist(), 'chi2 top10': chi2_features}", ['feature_engineering']],
    'for name, cols in subsets.items():',
    '    print(name, cross_val_score(LogisticRegression(), X[cols], y, cv=5).mean())',
  ]);
});

// Top features of an importance ranking picked to select the columns a model is trained on are feature selection
// (corpus README); the same pick only drawn stays as it is.
test('top features of a ranking used to select columns are feature engineering', () => {
  assertPhases('top-features.py', [
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    'from sklearn.ensemble import RandomForestClassifier',
    'df = pd.read_csv("heart.csv")',
    'X = df.drop(columns="target")',
    'y = df["target"]',
    'rf = RandomForestClassifier().fit(X, y)',
    "imp = pd.DataFrame({'feature': X.columns, 'importance': rf.feature_importances_}).sort_values('importance', ascending=False)",
    "imp['cumulative'] = imp['importance'].cumsum()",
    ["top_features = imp.loc[imp['cumulative'] <= 0.9, 'feature'].tolist()", ['feature_engineering']],
    ["print(f'{len(top_features)} features carry 90% of the importance')", ['feature_engineering']],
    ['rf_small = RandomForestClassifier().fit(X[top_features], y)', ['model_training']],
    ["top10 = imp.set_index('feature')['importance'].nlargest(10).index", { not: ['feature_engineering'] }, 'only drawn'],
    "plt.barh(top10, imp.set_index('feature').loc[top10, 'importance'])",
  ]);
});
