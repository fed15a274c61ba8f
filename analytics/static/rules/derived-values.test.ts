// Issue 13: arithmetic on data with no recognised operation ("derived values") computes something for its reader:
// its feature_engineering guess is provisional (labeller/assign.ts) and the first reader with a phase of work
// decides (rules/used-for.ts): a persistence baseline scored is model_evaluation, values drawn are visualization.
// Features stay features when their reader trains or splits them, and a value read first by another such value
// (counts read by vocab) follows it to the end of the chain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases, phasesAt } from '../../../test/support/phases-at.js';

const HEAD = [
  'import numpy as np',
  'import pandas as pd',
  'import matplotlib.pyplot as plt',
  'from sklearn.metrics import mean_absolute_error',
  'test_df = pd.read_csv("test.csv")',
  'mean, std = 10.0, 2.0',
];

test('derived values scored as a baseline are model evaluation, drawn ones visualization', () => {
  assertPhases('baseline.py', [
    ...HEAD,
    'trues = test_df["temp"].values[1:]',
    ['persistence = test_df["temp"].values[:-1] * std + mean', ['model_evaluation']],
    'print("persistence MAE", mean_absolute_error(trues, persistence))',
    ['grid = test_df.values[:8] * 0.15 + 0.6', ['visualization']],
    'plt.imshow(grid)',
  ]);
});

test('derived values read by training, or by nothing, stay feature engineering, and so do the values they read', () => {
  assertPhases('standardised.py', [
    ...HEAD,
    'from collections import Counter',
    'from sklearn.linear_model import LinearRegression',
    ['Z = (test_df.values - mean) / std', ['feature_engineering']],
    'model = LinearRegression().fit(Z, test_df["y"])',
    ['counts = Counter(w for row in test_df["text"] for w in row.split())', ['feature_engineering']],
    ['vocab = {w: i + 2 for i, (w, _) in enumerate(counts.most_common(100))}', ['feature_engineering']],
  ]);
});

test('the nearest of the distances a hand-written model computed, bound to a prediction name, is prediction', () => {
  const a = assertPhases('nearest_centroid.py', [
    'import numpy as np',
    'Z = np.loadtxt("iris.csv", delimiter=",")',
    'labels = np.loadtxt("labels.csv", dtype=int)',
    'train_idx, test_idx = np.arange(120), np.arange(120, 150)',
    'centroids = np.stack([Z[train_idx][labels[train_idx] == k].mean(axis=0) for k in range(3)])',
    ['dists = ((Z[test_idx, None, :] - centroids[None]) ** 2).sum(axis=2)', ['prediction'], 'was feature_engineering (derived values)'],
    ['predicted = dists.argmin(axis=1)', ['prediction'], 'was feature_engineering'],
    ['print("accuracy", (predicted == labels[test_idx]).mean())', ['model_evaluation']],
    'widest = Z.argmax(axis=1)',
  ]);
  assert.ok(!phasesAt(a, 9).includes('prediction'), 'an arg-extreme under another name is no prediction');
});
