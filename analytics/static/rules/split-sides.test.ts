// Issue 13: rows taken for one side of a split are data_splitting, whatever the targets are named (rules/shapes.ts,
// labeller/assign.ts): picked by the indices of a side (X_tr, y_tr = X[train_idx], y[train_idx]) or cut from a
// combined frame at the length of a side (X = all_data[:len(train)]), not a selection of features.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('rows picked by the indices of a split side are data_splitting', () => {
  assertPhases('index_split.py', [
    'import numpy as np',
    'data = np.loadtxt("wine.csv", delimiter=",")',
    'X, y = data[:, :-1], data[:, -1]',
    'rng = np.random.default_rng(0)',
    'idx = rng.permutation(len(X))',
    'train_idx, val_idx = idx[:100], idx[100:]',
    ['X_tr, y_tr, X_va, y_va = X[train_idx], y[train_idx], X[val_idx], y[val_idx]', ['data_splitting']],
  ]);
});

test('a combined frame cut at the length of the training part is data_splitting', () => {
  assertPhases('cut_combined.py', [
    'import pandas as pd',
    'train = pd.read_csv("train.csv")',
    'test = pd.read_csv("test.csv")',
    'all_data = pd.concat([train, test])',
    'all_data = pd.get_dummies(all_data)',
    ['X = all_data[:len(train)]', ['data_splitting']],
    ['X_test = all_data[len(train):]', ['data_splitting']],
  ]);
});

test('a size cut at fractions by a split is data_splitting; a size used as the cut itself stays other', () => {
  assertPhases('sizes.py', [
    'import pandas as pd',
    'df = pd.read_csv("weather.csv")',
    ['n = len(df)', ['data_splitting'], 'was other (a size)'],
    ['train_df, test_df = df[: int(0.8 * n)], df[int(0.8 * n):]', ['data_splitting']],
    'train = pd.read_csv("train.csv")',
    'test = pd.read_csv("test.csv")',
    ['ntrain = train.shape[0]', ['other']],
    'all_data = pd.concat([train, test])',
    'X = all_data[:ntrain]',
  ]);
});
