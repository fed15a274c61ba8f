// Issue 13: images or rows appended to lists while loading, then made arrays (X_train = np.array(X_train)), are still
// the data loaded: the conversion finishes the loading, it selects no features even when the names say X and y.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const HEAD = ['import os', 'import numpy as np', 'import cv2', 'import pandas as pd'];

test('lists filled by a loading loop, made arrays of themselves, are data loading', () => {
  assertPhases('image_lists.py', [
    ...HEAD,
    'X_train = []',
    'y_train = []',
    'for label in labels:',
    '    for name in os.listdir(os.path.join("train", label)):',
    '        img = cv2.resize(cv2.imread(os.path.join("train", label, name)), (150, 150))',
    '        X_train.append(img)',
    '        y_train.append(label)',
    ['X_train = np.array(X_train)', ['data_loading'], 'the loaded images made an array'],
    ['y_train = np.asarray(y_train)', ['data_loading']],
    ['X_train = X_train / 255.0', ['feature_engineering'], 'scaling them is feature engineering'],
  ]);
});

test('features selected from a table, then made an array, stay feature engineering', () => {
  assertPhases('table_arrays.py', [
    ...HEAD,
    'df = pd.read_csv("train.csv")',
    'X = df.drop("price", axis=1)',
    ['X = np.array(X)', ['feature_engineering']],
  ]);
});

test('the parts of a split made arrays of themselves go on making the split', () => {
  assertPhases('split_arrays.py', [
    ...HEAD,
    'from sklearn.model_selection import train_test_split',
    'from sklearn.linear_model import LogisticRegression',
    'df = pd.read_csv("creditcard.csv")',
    'X = df.drop("Class", axis=1)',
    'y = df["Class"]',
    'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)',
    ['X_train = X_train.values', ['data_splitting'], 'a part of the split made an array: the split goes on'],
    ['X_test = X_test.values', ['data_splitting']],
    ['y_train = y_train.to_numpy()', ['data_splitting']],
    'y_test = y_test.values',
    'clf = LogisticRegression().fit(X_train, y_train)',
    'print(clf.score(X_test, y_test))',
  ]);
});

test('features selected from a table, then taken as values, stay feature engineering', () => {
  assertPhases('table_values.py', [
    ...HEAD,
    'df = pd.read_csv("train.csv")',
    'X = df.drop("price", axis=1)',
    ['X = X.values', ['feature_engineering']],
  ]);
});
