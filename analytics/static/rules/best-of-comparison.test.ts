// Issue 13 (best of compared results): picking the best model of a comparison or the best threshold of a curve of
// scores (best_name = max(cv_scores, key=...), best_model = models[best_name], best_thr = thr[np.argmax(tpr - fpr)])
// evaluates: model_evaluation. The best value of a tuning loop's candidates, and the starting value of a running best
// a sweep updates, stay hyperparameter_tuning. A dict of models to compare (candidates = {'lr': LogisticRegression()})
// is model_training, not a search space.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const PRELUDE = [
  'import numpy as np',
  'from sklearn.linear_model import LogisticRegression, Ridge',
  'from sklearn.ensemble import RandomForestClassifier',
  'from sklearn.model_selection import cross_val_score',
  'from sklearn.metrics import roc_curve',
  'X, y = np.load("x.npy"), np.load("y.npy")',
];

test('the best of a comparison of models, or of a curve of scores, is evaluation', () => {
  assertPhases('compare.py', [
    ...PRELUDE,
    'models = {"lr": LogisticRegression(), "rf": RandomForestClassifier()}',
    'cv_scores = {name: cross_val_score(m, X, y, cv=5) for name, m in models.items()}',
    ['best_name = max(cv_scores, key=lambda k: cv_scores[k].mean())', ['model_evaluation']],
    ['best_model = models[best_name]', ['model_evaluation']],
    'proba = best_model.fit(X, y).predict_proba(X)[:, 1]',
    'fpr, tpr, thr = roc_curve(y, proba)',
    ['best_thr = thr[np.argmax(tpr - fpr)]', ['model_evaluation']],
  ]);
});

test('the best candidate of a tuning loop and a running best stay tuning', () => {
  assertPhases('sweep.py', [
    ...PRELUDE,
    'alphas = [0.1, 1.0, 10.0]',
    'cv_rmse = []',
    'for a in alphas:',
    '    cv_rmse.append(-cross_val_score(Ridge(alpha=a), X, y, cv=5).mean())',
    ['best_alpha = alphas[int(np.argmin(cv_rmse))]', ['hyperparameter_tuning']],
    ['best_score, best_c = float("inf"), None', ['hyperparameter_tuning']],
    'for c in [0.1, 1.0, 10.0]:',
    '    s = cross_val_score(LogisticRegression(C=c), X, y, cv=5).mean()',
    '    if s < best_score:',
    '        best_score, best_c = s, c',
  ]);
});

test('a dict of models built to be compared is training, whatever its name; a dict of value lists is a search space', () => {
  assertPhases('zoo.py', [
    ...PRELUDE,
    ['candidates = {"lr": LogisticRegression(C=1.0), "rf": RandomForestClassifier(n_estimators=300)}', ['model_training']],
    ['param_grid = {"C": [0.1, 1.0, 10.0]}', ['hyperparameter_tuning']],
  ]);
});
