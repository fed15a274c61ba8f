// Issue 13 (weak phases): general rules for misses of the tuning corpus — integer casts encode, clustering's
// fit_predict trains, weights initialised for a hand-written loop train, result dicts filled in a loop over
// candidate values tune, and filters on a model's output evaluate it.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('astype(int) / astype(bool) encodes (feature engineering); astype(float) fixes a dtype (cleaning)', () => {
  assertPhases('enc.py', [
    'import pandas as pd',
    'df = pd.read_csv("bank.csv")',
    ['df["y"] = df["y"].astype(int)', ['feature_engineering']],
    ['df["is_peak"] = df["hr"].isin([7, 8, 17]).astype("int8")', ['feature_engineering']],
    ['df["price"] = df["price"].astype(float)', ['data_cleaning']],
    ['df["flag"] = df["flag"].astype(bool)', ['feature_engineering']],
  ]);
});

test("a clusterer's fit_predict on the data is training, not prediction", () => {
  assertPhases('clu.py', [
    'import pandas as pd',
    'from sklearn.cluster import KMeans, DBSCAN',
    'df = pd.read_csv("mall.csv")',
    'km = KMeans(n_clusters=5, n_init=10)',
    ['df["cluster"] = km.fit_predict(df[["a", "b"]])', ['model_training']],
    ['labels = DBSCAN(eps=0.3).fit_predict(df[["a", "b"]])', ['model_training']],
  ]);
});

test('weights initialised before a hand-written training loop are training', () => {
  assertPhases('gd.py', [
    'import numpy as np',
    'X = np.load("x.npy")',
    'y = np.load("y.npy")',
    ['w = np.zeros(X.shape[1])', ['model_training']],
    ['params = [np.random.randn(X.shape[1]) * 0.01]', ['model_training']],
    'lr = 0.1',
    'for epoch in range(100):',
    '    w -= lr * X.T @ (X @ w - y) / len(y)',
    '    params = [p - lr * g for p, g in zip(params, grads(params))]',
  ]);
});

test('a dict of results filled by subscript in a loop over candidate values takes the loop phase', () => {
  assertPhases('sweep.py', [
    'import pandas as pd',
    'from sklearn.svm import SVC',
    'from sklearn.metrics import accuracy_score',
    'X_train, X_val, y_train, y_val = load_split()',
    ['results = {}', ['hyperparameter_tuning']],
    ['for C in [0.01, 0.1, 1, 10]:', ['hyperparameter_tuning']],
    '    clf = SVC(C=C).fit(X_train, y_train)',
    '    results[C] = accuracy_score(y_val, clf.predict(X_val))',
  ]);
});

test("rows selected by a model's output evaluate the model, they do not clean the data", () => {
  assertPhases('filt.py', [
    'import pandas as pd',
    'from sklearn.cluster import DBSCAN',
    'df = pd.read_csv("points.csv")',
    'df["cluster"] = DBSCAN(eps=0.3).fit_predict(df[["lat", "lon"]])',
    ['centers = df[df["cluster"] >= 0].groupby("cluster")[["lat", "lon"]].mean()', ['model_evaluation']],
    ['adults = df[df["age"] >= 18]', ['data_cleaning']],
  ]);
});
