// Issue 13 (weak phases): general rules for misses of the tuning corpus — integer casts encode, clustering's
// fit_predict trains, weights initialised for a hand-written loop train, result dicts filled in a loop over
// candidate values tune, and filters on a model's output evaluate it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../index.js';
import { phasesAt } from '../../../test/support/phases-at.js';

test('astype(int) / astype(bool) encodes (feature engineering); astype(float) fixes a dtype (cleaning)', () => {
  const src = [
    'import pandas as pd',
    'df = pd.read_csv("bank.csv")',
    'df["y"] = df["y"].astype(int)', // 3
    'df["is_peak"] = df["hr"].isin([7, 8, 17]).astype("int8")', // 4
    'df["price"] = df["price"].astype(float)', // 5
    'df["flag"] = df["flag"].astype(bool)', // 6
  ].join('\n');
  const a = analyzeSource(src, 'enc.py');
  assert.deepEqual(phasesAt(a, 3), ['feature_engineering']);
  assert.deepEqual(phasesAt(a, 4), ['feature_engineering']);
  assert.deepEqual(phasesAt(a, 5), ['data_cleaning']);
  assert.deepEqual(phasesAt(a, 6), ['feature_engineering']);
});

test("a clusterer's fit_predict on the data is training, not prediction", () => {
  const src = [
    'import pandas as pd',
    'from sklearn.cluster import KMeans, DBSCAN',
    'df = pd.read_csv("mall.csv")',
    'km = KMeans(n_clusters=5, n_init=10)',
    'df["cluster"] = km.fit_predict(df[["a", "b"]])', // 5
    'labels = DBSCAN(eps=0.3).fit_predict(df[["a", "b"]])', // 6
  ].join('\n');
  const a = analyzeSource(src, 'clu.py');
  assert.deepEqual(phasesAt(a, 5), ['model_training']);
  assert.deepEqual(phasesAt(a, 6), ['model_training']);
});

test('weights initialised before a hand-written training loop are training', () => {
  const src = [
    'import numpy as np',
    'X = np.load("x.npy")',
    'y = np.load("y.npy")',
    'w = np.zeros(X.shape[1])', // 4
    'params = [np.random.randn(X.shape[1]) * 0.01]', // 5
    'lr = 0.1',
    'for epoch in range(100):',
    '    w -= lr * X.T @ (X @ w - y) / len(y)',
    '    params = [p - lr * g for p, g in zip(params, grads(params))]',
  ].join('\n');
  const a = analyzeSource(src, 'gd.py');
  assert.deepEqual(phasesAt(a, 4), ['model_training']);
  assert.deepEqual(phasesAt(a, 5), ['model_training']);
});

test('a dict of results filled by subscript in a loop over candidate values takes the loop phase', () => {
  const src = [
    'import pandas as pd',
    'from sklearn.svm import SVC',
    'from sklearn.metrics import accuracy_score',
    'X_train, X_val, y_train, y_val = load_split()',
    'results = {}', // 5
    'for C in [0.01, 0.1, 1, 10]:', // 6
    '    clf = SVC(C=C).fit(X_train, y_train)',
    '    results[C] = accuracy_score(y_val, clf.predict(X_val))',
  ].join('\n');
  const a = analyzeSource(src, 'sweep.py');
  assert.deepEqual(phasesAt(a, 6), ['hyperparameter_tuning']);
  assert.deepEqual(phasesAt(a, 5), ['hyperparameter_tuning']);
});

test("rows selected by a model's output evaluate the model, they do not clean the data", () => {
  const src = [
    'import pandas as pd',
    'from sklearn.cluster import DBSCAN',
    'df = pd.read_csv("points.csv")',
    'df["cluster"] = DBSCAN(eps=0.3).fit_predict(df[["lat", "lon"]])',
    'centers = df[df["cluster"] >= 0].groupby("cluster")[["lat", "lon"]].mean()', // 5
    'adults = df[df["age"] >= 18]', // 6
  ].join('\n');
  const a = analyzeSource(src, 'filt.py');
  assert.deepEqual(phasesAt(a, 5), ['model_evaluation']);
  assert.deepEqual(phasesAt(a, 6), ['data_cleaning']);
});
