// Issue 13: predictions wrapped in a Series under the rows' labels (pd.Series(clf.predict(X_new), index=new.index))
// are still predictions: the index carries no values, so decoding them (.map(names)) is prediction, not a feature.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('predictions given the rows as index and decoded are prediction', () => {
  assertPhases('indexed_preds.py', [
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    'df = pd.read_csv("a.csv")',
    'new = pd.read_csv("b.csv")',
    'clf = LogisticRegression().fit(df[["a"]], df["y"])',
    'names = {0: "no", 1: "yes"}',
    ['new["label"] = pd.Series(clf.predict(new[["a"]]), index=new.index).map(names)', ['prediction']],
    ['codes = pd.Series(df["a"].values, index=df.index).map(names)', ['feature_engineering'], 'data under its index: still data'],
  ]);
});
