// Issue 13 (sweeps over the user's own model code): a loop over candidate values (a range with a written start, a
// literal list) handing each value to a user function that trains or predicts — or to any user function when the
// body scores the result — is tuning; passes of one training (an epoch loop calling the user's train function with
// the epoch) are not.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const PRELUDE = [
  'import numpy as np',
  'X = np.load("x.npy")',
  'y = np.load("y.npy")',
  'def kmeans(X, k, n_iter=50):',
  '    centers = X[np.random.choice(len(X), k)]',
  '    for _ in range(n_iter):',
  '        labels = ((X[:, None] - centers[None]) ** 2).sum(-1).argmin(1)',
  '        centers = np.array([X[labels == j].mean(0) for j in range(k)])',
  '    return centers, labels',
  'def knn_predict(X_ref, y_ref, X_query, k=5):',
  '    nearest = np.argsort(((X_query[:, None] - X_ref[None]) ** 2).sum(-1), axis=1)[:, :k]',
  '    return (y_ref[nearest].mean(axis=1) > 0.5).astype(int)',
  'def accuracy(y_true, y_pred):',
  '    return np.mean(y_true == y_pred)',
];

test("a range of candidates handed to the user's clustering function tunes", () => {
  assertPhases('elbow.py', [
    ...PRELUDE,
    ['inertias = []', ['hyperparameter_tuning']],
    ['for k in range(2, 13, 2):', ['hyperparameter_tuning']],
    '    centers, labels = kmeans(X, k)',
    '    inertias.append(((X - centers[labels]) ** 2).sum())',
  ]);
});

test("candidates handed to the user's predict function and scored tune, nested folds included", () => {
  assertPhases('knn.py', [
    ...PRELUDE,
    'folds = np.array_split(np.random.permutation(len(X)), 5)',
    ['cv_acc = {}', ['hyperparameter_tuning']],
    ['for k in range(1, 26, 2):', ['hyperparameter_tuning']],
    '    accs = []',
    '    for f in range(5):',
    '        val = folds[f]',
    '        trn = np.concatenate([folds[j] for j in range(5) if j != f])',
    '        accs.append(accuracy(y[val], knn_predict(X[trn], y[trn], X[val], k=k)))',
    '    cv_acc[k] = np.mean(accs)',
    ['best_k = max(cv_acc, key=cv_acc.get)', ['hyperparameter_tuning']],
  ]);
});

test("the epochs of one training passed to the user's train function are no sweep", () => {
  assertPhases('epochs.py', [
    ...PRELUDE,
    'w = np.zeros(X.shape[1])',
    'def train_epoch(w, X, y, epoch, lr=0.1):',
    '    return w - lr / (1 + epoch) * X.T @ (X @ w - y) / len(y)',
    ['for epoch in range(1, 11):', { not: ['hyperparameter_tuning'] }],
    '    w = train_epoch(w, X, y, epoch)',
    '    print(epoch, accuracy(y, (X @ w > 0.5).astype(int)))',
  ]);
});

test("inputs handed one by one to the user's predict helper are no sweep", () => {
  assertPhases('inputs.py', [
    ...PRELUDE,
    'def predict_label(text):',
    '    return knn_predict(X, y, np.array([[len(text), text.count(" ")]]))',
    ['for review in ["cold food", "great tacos"]:', { not: ['hyperparameter_tuning'] }],
    '    print(predict_label(review), review)',
  ]);
});
