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

test('predictions cut at a threshold tuned on scores, wrapped in a Series or clipped, are still predictions', () => {
  assertPhases('tuned_threshold.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.metrics import roc_curve',
    'df = pd.read_csv("train.csv")',
    'test = pd.read_csv("test.csv")',
    'model = LogisticRegression().fit(df[["a", "b"]], df["y"])',
    'oof = model.predict_proba(df[["a", "b"]])[:, 1]',
    'fpr, tpr, thr = roc_curve(df["y"], oof)',
    'best_thr = thr[np.argmax(tpr - fpr)]',
    'test_pred = model.predict_proba(test[["a", "b"]])[:, 1]',
    ['decision = np.where(test_pred >= best_thr, "decline", "approve")', ['prediction'], 'was model_evaluation (the threshold\'s score taint)'],
    ['pd.Series(decision).value_counts()', ['prediction'], 'was data_exploration (a Series made data of the predictions)'],
    ['print(pd.Series(test_pred).describe())', ['prediction'], 'was data_exploration'],
    ['capped = np.clip(test_pred, 0.05, 0.95)', ['prediction'], 'was data_cleaning'],
    ['df["a"] = np.clip(df["a"], 0, 10)', ['data_cleaning']],
    ['df["a"].value_counts()', ['data_exploration']],
  ]);
});
