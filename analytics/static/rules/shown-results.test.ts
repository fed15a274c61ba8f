// Issue 13 (results shown): a summary of a model's output (profile = df.groupby('cluster').mean(), labelled
// model_evaluation) shown afterwards shows that evaluation, and a count of results (print(len(wrong), 'misclassified')
// with wrong = np.where(pred != y_test)[0]) is looked at as a score, not as the size of a data set.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a summary of cluster labels and a count of misclassified rows shown are evaluation', () => {
  assertPhases('shown.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.cluster import KMeans',
    'from sklearn.linear_model import LogisticRegression',
    'df = pd.read_csv("a.csv")',
    'df["cluster"] = KMeans(4).fit_predict(df[["a", "b"]])',
    ['profile = df.groupby("cluster")[["a", "b"]].mean()', ['model_evaluation']],
    ['profile', ['model_evaluation']],
    'X_train, X_test, y_train, y_test = df.drop(columns="y"), df.drop(columns="y"), df["y"], df["y"]',
    'pred = LogisticRegression().fit(X_train, y_train).predict(X_test)',
    ['wrong = np.where(pred != y_test)[0]', ['model_evaluation']],
    ['print(len(wrong), "misclassified")', ['model_evaluation']],
    ['print(len(X_test), "rows")', ['data_exploration']],
  ]);
});
