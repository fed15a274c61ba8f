// Issue 13: a loop over a cross-validator's folds that trains in its body is cross-validation: the folds serve it,
// the loop is no data split of its own (labeller/block.ts); rows picked by a fold's indices clean nothing.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a fold loop that trains is not labelled data_splitting', () => {
  assertPhases('folds.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.model_selection import StratifiedKFold, TimeSeriesSplit',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.ensemble import HistGradientBoostingRegressor',
    'from sklearn.metrics import roc_auc_score, mean_absolute_error',
    'X = np.load("X.npy")',
    'y = np.load("y.npy")',
    'skf = StratifiedKFold(n_splits=5)',
    'oof = np.zeros(len(y))',
    ['for tr_idx, va_idx in skf.split(X, y):', ['model_training', 'prediction']],
    '    clf = LogisticRegression().fit(X[tr_idx], y[tr_idx])',
    '    oof[va_idx] = clf.predict_proba(X[va_idx])[:, 1]',
    'long = pd.read_csv("views.csv")',
    'dates = np.sort(long["date"].unique())',
    'scores = []',
    ['for tr_idx, va_idx in TimeSeriesSplit(n_splits=3).split(dates):', { not: ['data_splitting', 'data_cleaning'] }],
    '    tr = long[long["date"].isin(dates[tr_idx])]',
    '    va = long[long["date"].isin(dates[va_idx])]',
    '    m = HistGradientBoostingRegressor().fit(tr[["lag_1"]], tr["views"])',
    '    scores.append(mean_absolute_error(va["views"], m.predict(va[["lag_1"]])))',
  ]);
});
