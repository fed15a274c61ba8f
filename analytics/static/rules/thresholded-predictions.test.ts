// Issue 13: thresholding a model's probabilities ((probs > 0.5).astype(int)) makes predictions, not features.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('thresholded probabilities are predictions, also when bound to a label-like name or stored in a column', () => {
  assertPhases('thr.py', [
    'import pandas as pd',
    'from tensorflow import keras',
    'df = pd.read_csv("customers.csv")',
    'model = keras.models.load_model("m.keras")',
    'probs = model.predict(df[["a", "b"]])',
    ['labels = (probs > 0.5).astype(int).ravel()', ['prediction']],
    ['df["flag"] = labels', ['prediction']],
    ['df["adult"] = (df["age"] >= 18).astype(int)', ['feature_engineering']],
  ]);
});

test('thresholded probabilities of a hand-written model (data-derived too) are predictions', () => {
  assertPhases('logreg.py', [
    'import numpy as np',
    'data = np.loadtxt("admissions.csv", delimiter=",")',
    'X, y = data[:, :2], data[:, 2]',
    'def sigmoid(z):',
    '    return 1 / (1 + np.exp(-z))',
    'w = np.zeros(X.shape[1])',
    'for step in range(100):',
    '    w = w - 0.5 * X.T @ (sigmoid(X @ w) - y) / len(y)',
    ['probs = sigmoid(X @ w)', ['prediction']],
    ['predicted = (probs >= 0.5).astype(int)', ['prediction'], 'was an integer cast: feature_engineering'],
    ['accuracy = (predicted == y).mean()', ['model_evaluation']],
  ]);
});
