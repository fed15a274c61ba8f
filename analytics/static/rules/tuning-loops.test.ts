// Issue 13 (tuning loops built on user functions): a loop over candidate values (a literal list of numbers or of
// dicts, a name bound to one, np.logspace / linspace) whose body trains — through the library or a user function
// whose summary is training — and scores the result is hyperparameter tuning. Loops over epochs or over a list of
// models are not.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const PRELUDE = [
  'import numpy as np',
  'from sklearn.linear_model import Ridge, LogisticRegression',
  'from sklearn.ensemble import RandomForestClassifier',
  'from sklearn.metrics import mean_squared_error, accuracy_score',
  'X_tr, y_tr = np.load("tr.npy"), np.load("ytr.npy")',
  'X_va, y_va = np.load("va.npy"), np.load("yva.npy")',
  'def ridge_fit(A, b, lam):',
  '    return np.linalg.solve(A.T @ A + lam * np.eye(A.shape[1]), A.T @ b)',
  'def mse(A, b, w):',
  '    return np.mean((A @ w - b) ** 2)',
];

test('a sweep over a named list or a logspace, training through a user function and scoring, tunes', () => {
  assertPhases('sweep.py', [
    ...PRELUDE,
    'lams = [0.01, 0.1, 1.0]',
    ['errs = []', ['hyperparameter_tuning']],
    ['for lam in lams:', ['hyperparameter_tuning']],
    '    w = ridge_fit(X_tr, y_tr, lam)',
    '    errs.append(mse(X_va, y_va, w))',
    ['for lam in np.logspace(-3, 3, 7):', ['hyperparameter_tuning']],
    '    w = ridge_fit(X_tr, y_tr, lam)',
    '    print(lam, mse(X_va, y_va, w))',
  ]);
});

test('a loop over a literal list of parameter dicts that fits and scores tunes', () => {
  assertPhases('dicts.py', [
    ...PRELUDE,
    ['for cfg in [{"alpha": 0.1}, {"alpha": 1.0}, {"alpha": 10.0}]:', ['hyperparameter_tuning']],
    '    m = Ridge(**cfg).fit(X_tr, y_tr)',
    '    print(cfg, mean_squared_error(y_va, m.predict(X_va)))',
  ]);
});

test('epochs of a hand-written loop and a list of models are not tuning', () => {
  assertPhases('limits.py', [
    ...PRELUDE,
    'w = np.zeros(X_tr.shape[1])',
    ['for epoch in range(100):', { not: ['hyperparameter_tuning'] }],
    '    w -= 0.1 * X_tr.T @ (X_tr @ w - y_tr) / len(y_tr)',
    '    print(epoch, mse(X_va, y_va, w))',
    'models = [LogisticRegression(), RandomForestClassifier()]',
    ['for m in models:', ['model_training', 'model_evaluation']],
    '    m.fit(X_tr, y_tr)',
    '    print(accuracy_score(y_va, m.predict(X_va)))',
  ]);
});

test('what a sweep leaves behind (the best score and value it kept) is its outcome: tuning when printed', () => {
  assertPhases('outcome.py', [
    ...PRELUDE,
    'best_score, best_alpha = -1.0, None',
    ['for alpha in [0.1, 1.0, 10.0]:', ['hyperparameter_tuning']],
    '    m = Ridge(alpha=alpha).fit(X_tr, y_tr)',
    '    if m.score(X_va, y_va) > best_score:',
    '        best_score, best_alpha = m.score(X_va, y_va), alpha',
    ['print("best", best_alpha, best_score)', ['hyperparameter_tuning']],
  ]);
});
