// Issue 13 (user-function summaries): a hand-written function's phases come from its own body, whoever calls it. A
// body that solves for parameters from features and labels (normal equations, a pseudo-inverse) is model training;
// the value it returns is learnt parameters (whatever its name), through returns, tuples and later statements, and values computed from
// them are predictions (not derived features).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a NumPy function solving the normal equations trains, wherever it is called from', () => {
  assertPhases('ridge.py', [
    'import numpy as np',
    'X = np.load("x.npy")',
    'y = np.load("y.npy")',
    ['def ridge_fit(X, y, lam):', ['model_training']],
    '    A = X.T @ X + lam * np.eye(X.shape[1])',
    ['    return np.linalg.solve(A, X.T @ y)', ['model_training']],
    ['print(np.mean((X @ ridge_fit(X, y, 1.0) - y) ** 2))', { not: ['model_evaluation'] }, 'the caller evaluates; the function still trains'],
    ['w = ridge_fit(X, y, 1.0)', ['model_training']],
    ['y_hat = X @ w', ['prediction'], 'features times learnt weights are predictions'],
  ]);
});

test('learnt parameters flow through tuples and returns; a pseudo-inverse solve trains', () => {
  assertPhases('line.py', [
    'import numpy as np',
    'data = np.loadtxt("d.csv", delimiter=",")',
    'X, y = data[:, :-1], data[:, -1]',
    ['def fit_line(features, target):', ['model_training']],
    '    Xb = np.c_[np.ones(len(features)), features]',
    '    sol = np.linalg.pinv(Xb) @ target',
    '    return sol[0], sol[1:]',
    ['b, coef = fit_line(X, y)', ['model_training']],
    ['fitted = X @ coef + b', ['prediction']],
  ]);
});

test('a correlation of two columns solves nothing: no training', () => {
  assertPhases('corr.py', [
    'import numpy as np',
    'X = np.load("x.npy")',
    'y = np.load("y.npy")',
    ['def pearson(a, b):', { not: ['model_training'] }],
    '    a = a - a.mean()',
    '    b = b - b.mean()',
    '    return (a @ b) / np.sqrt((a @ a) * (b @ b))',
    ['r = pearson(X[:, 0], y)', { not: ['model_training'] }],
  ]);
});

test('parameters whose names say nothing take the kinds of the first call; printed learnt weights are looked at', () => {
  assertPhases('kinds.py', [
    'import numpy as np',
    'X_tr = np.load("tr.npy")',
    'y_tr = np.load("ytr.npy")',
    ['def ridge_fit(A, b, lam):', ['model_training'], 'b holds labels at the call: A.T @ b solves for weights'],
    '    return np.linalg.solve(A.T @ A + lam * np.eye(A.shape[1]), A.T @ b)',
    ['def mse(A, b, w):', ['model_evaluation']],
    '    return np.mean((A @ w - b) ** 2)',
    ['coef = ridge_fit(X_tr, y_tr, 1.0)', ['model_training']],
    ['print("coefficients:", np.round(coef, 2))', ['model_evaluation']],
    ['print(mse(X_tr, y_tr, coef))', ['model_evaluation']],
  ]);
});
