// Issue 13 (hand-written algorithms, methods of the user's own classes): a loop that re-estimates values from the
// data's fit to them (k-means, EM, alternating least squares) is model training, not feature engineering, whatever
// the names; its starting value belongs to it; a class whose fit method does so is a model: `km.fit(X)` trains,
// and its predict method, reading back the fitted attribute, predicts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases, phasesAt } from '../../../test/support/phases-at.js';

test('a k-means class of the user: fit trains, predict predicts, at the instance call sites', () => {
  assertPhases('kmeans_class.py', [
    'import numpy as np',
    'X = np.loadtxt("blobs.txt")',
    'class KMeans:',
    '    def __init__(self, k, n_iter=100):',
    '        self.k = k',
    '        self.n_iter = n_iter',
    ['    def fit(self, X):', ['model_training']],
    ['        self.centers = X[np.random.choice(len(X), self.k, replace=False)]', ['model_training'], 'the starting value of the fit'],
    ['        for _ in range(self.n_iter):', ['model_training']],
    '            d = ((X[:, None, :] - self.centers[None]) ** 2).sum(-1)',
    '            labels = d.argmin(1)',
    '            self.centers = np.array([X[labels == j].mean(0) for j in range(self.k)])',
    '        return self',
    ['    def predict(self, X):', ['prediction']],
    '        d = ((X[:, None, :] - self.centers[None]) ** 2).sum(-1)',
    '        return d.argmin(1)',
    ['km = KMeans(3)', ['model_training']],
    ['km.fit(X)', ['model_training']],
    ['labels = km.predict(X)', ['prediction']],
  ]);
});

test('a k-means function and a top-level k-means loop train', () => {
  assertPhases('kmeans_fn.py', [
    'import numpy as np',
    'rng = np.random.default_rng(0)',
    'pixels = np.load("pixels.npy")',
    ['def kmeans(X, k, n_iter=50):', ['model_training']],
    '    centers = X[rng.choice(len(X), k, replace=False)]',
    '    for _ in range(n_iter):',
    '        dist = ((X[:, None, :] - centers[None]) ** 2).sum(-1)',
    '        labels = dist.argmin(1)',
    '        new = np.array([X[labels == j].mean(0) for j in range(k)])',
    '        centers = new',
    '    return centers, labels',
    ['palette, _ = kmeans(pixels, 8)', ['model_training']],
    'def assign(points, centroids):',
    '    return np.linalg.norm(points[:, None, :] - centroids[None, :, :], axis=2).argmin(axis=1)',
    ['centroids = pixels[rng.choice(len(pixels), 3, replace=False)]', ['model_training'], 'the starting value of the loop below'],
    ['for it in range(100):', ['model_training']],
    '    labels = assign(pixels, centroids)',
    '    new_centroids = np.array([pixels[labels == j].mean(axis=0) for j in range(3)])',
    '    centroids = new_centroids',
  ]);
});

test('loops that rebind data from itself or sum it are no fitting', () => {
  const a = assertPhases('not_fits.py', [
    'import pandas as pd',
    'df = pd.read_csv("d.csv")',
    'for _ in range(3):',
    '    cut = df["x"].mean() + 3 * df["x"].std()',
    '    df = df[df["x"] < cut]',
    'total = 0',
    'for i in range(len(df)):',
    '    v = df["x"].iloc[i]',
    '    total = total + v',
  ]);
  // iterative outlier removal measures the data against itself only; the second loop walks over the rows
  for (const line of [3, 7]) assert.ok(!phasesAt(a, line).includes('model_training'), `line ${line}: ${phasesAt(a, line).join(',')}`);
});
