// Issue 13: predictions attached to a frame with assign (`test_df.assign(pred=pred)`) are predictions, like
// `test_df['pred'] = pred`; the rows where they differ from the truth, and what is shown of them, are evaluation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases, phasesAt } from '../../../test/support/phases-at.js';

test('a frame given a predictions column by assign: error analysis on it is evaluation', () => {
  assertPhases('errors.py', [
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    'train_df = pd.read_csv("train.csv")',
    'test_df = pd.read_csv("test.csv")',
    'clf = LogisticRegression().fit(train_df[["a", "b"]], train_df["band"])',
    'pred = clf.predict(test_df[["a", "b"]])',
    ['test_df = test_df.assign(pred=pred)', ['prediction']],
    ['wrong = test_df[test_df["band"] != test_df["pred"]]', ['model_evaluation']],
    ['wrong[["a", "band", "pred"]].head(10)', ['model_evaluation']],
    ['page = test_df["a"].iloc[0]', { not: ['prediction'] }, 'another column of the frame is data'],
    ['test_df = test_df.assign(ratio=test_df["a"] / test_df["b"])', ['feature_engineering']],
  ]);
});

// Columns made from predictions of new data (decoded labels, confidences, thresholds on them, labels replaced where
// the model is unsure) hold predictions, and counting them shows the predictions (labeller/targets.ts); a summary of
// a clusterer's labels stored in another frame, or predictions grouped by another column, are not.
test('columns decoded, thresholded and replaced from predictions of new data are prediction', () => {
  assertPhases('scored_new.py', [
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.preprocessing import LabelEncoder',
    'df = pd.read_csv("a.csv")',
    'le = LabelEncoder()',
    'y = le.fit_transform(df["s"])',
    'clf = LogisticRegression().fit(df[["a"]], y)',
    'new = pd.read_csv("b.csv")',
    'proba = clf.predict_proba(new[["a"]])',
    ['new["label"] = le.inverse_transform(proba.argmax(axis=1))', ['prediction']],
    ['new["confidence"] = proba.max(axis=1).round(3)', ['prediction']],
    ['new.loc[new["confidence"] < 0.5, "label"] = "needs_review"', ['prediction']],
    ['new["inspect"] = new["confidence"] < 0.6', ['prediction']],
    ['print(new["label"].value_counts())', ['prediction']],
    ['new["a2"] = new["a"] * 2', ['feature_engineering']],
  ]);
});

test('a summary of a clusterer\'s labels put in another frame is not predictions', () => {
  assertPhases('cluster_sizes.py', [
    'import pandas as pd',
    'from sklearn.cluster import KMeans',
    'rfm = pd.read_csv("rfm.csv")',
    'rfm["cluster"] = KMeans(4).fit_predict(rfm[["r", "f"]])',
    'profile = rfm.groupby("cluster")[["r", "f"]].median()',
    ['profile["size"] = rfm["cluster"].value_counts()', { not: ['prediction'] }],
  ]);
});

test('a prediction column decoded into labels with np.where is a prediction column', () => {
  assertPhases('flags.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    'X = pd.read_csv("x.csv")',
    'y = X.pop("y")',
    'patients = pd.read_csv("new.csv")',
    'clf = LogisticRegression().fit(X, y)',
    'patients["risk"] = clf.predict_proba(patients)[:, 1]',
    ['patients["flag"] = np.where(patients["risk"] >= 0.3, "refer", "routine")', ['prediction'], 'was an indicator column (feature_engineering): the labels written were taken for columns read'],
    ['patients["adult"] = np.where(patients["age"] >= 18, "adult", "minor")', ['feature_engineering']],
  ]);
});

test('clusters predicted for new data, renamed through a table (map, fillna), are predictions; those fitting made are not', () => {
  const a = assertPhases('segments.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.cluster import KMeans',
    'rfm = pd.read_csv("rfm.csv", index_col="id")',
    'kmeans = KMeans(n_clusters=4, n_init=10, random_state=0)',
    'rfm["cluster"] = kmeans.fit_predict(np.log1p(rfm))',
    'names = {0: "loyal", 1: "at risk", 2: "new"}',
    'rfm["segment"] = rfm["cluster"].map(names).fillna("regular")',
    'new_rfm = pd.read_csv("rfm_new.csv", index_col="id")',
    ['new_rfm["cluster"] = kmeans.predict(np.log1p(new_rfm))', ['prediction']],
    ['new_rfm["segment"] = new_rfm["cluster"].map(names).fillna("regular")', ['prediction'], 'was feature_engineering'],
    ['new_rfm["segment"].value_counts()', ['prediction'], 'was data_exploration'],
  ]);
  assert.ok(!phasesAt(a, 8).includes('prediction'), 'segments of the clusters fitting made are no predictions');
});
