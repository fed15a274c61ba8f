// Issue 13 ("dealing with imbalanced datasets" kernels): the parts a StratifiedKFold loop cuts are made by the split,
// so making them arrays goes on with the split, and parts of a split put side by side again clean nothing.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const HEAD = [
  'import numpy as np',
  'import pandas as pd',
  'from sklearn.model_selection import StratifiedKFold, train_test_split',
  'from sklearn.linear_model import LogisticRegression',
  'df = pd.read_csv("creditcard.csv")',
  'X = df.drop("Class", axis=1)',
  'y = df["Class"]',
];

test('the parts a splitting loop cuts, made arrays of themselves, go on making the split', () => {
  assertPhases('fold_parts.py', [
    ...HEAD,
    'sss = StratifiedKFold(n_splits=5, random_state=None, shuffle=False)',
    ['for train_index, test_index in sss.split(X, y):', ['data_splitting']],
    '    original_Xtrain, original_Xtest = X.iloc[train_index], X.iloc[test_index]',
    '    original_ytrain, original_ytest = y.iloc[train_index], y.iloc[test_index]',
    ['original_Xtrain = original_Xtrain.values', ['data_splitting'], 'a part the loop cut, made an array'],
    ['original_Xtest = original_Xtest.values', ['data_splitting']],
    ['original_ytrain = original_ytrain.values', ['data_splitting']],
    ['original_ytest = original_ytest.values', ['data_splitting']],
    'print(original_ytrain.mean(), original_ytest.mean())',
    'clf = LogisticRegression().fit(original_Xtrain, original_ytrain)',
    'print(clf.score(original_Xtest, original_ytest))',
  ]);
});

test('parts of a split joined again go on with the split, tables joined do not', () => {
  assertPhases('split_join.py', [
    ...HEAD,
    'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)',
    ['train = pd.concat([X_train, y_train], axis=1)', ['data_splitting'], 'the training part put back together to be resampled'],
    "fraud = train[train['Class'] == 1]",
    "normal = train[train['Class'] == 0].sample(n=len(fraud))",
    "extra = pd.read_csv('extra.csv')",
    ['both = pd.concat([df, extra])', { not: ['data_splitting'] }],
  ]);
});
