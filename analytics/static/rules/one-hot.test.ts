// Issue 13: labels one-hot encoded by picking rows of an identity matrix (Y_train = np.eye(K)[y_train]) are an encoding:
// feature_engineering; the same picking inside a score (cross_entropy(probs, np.eye(K)[y_test])) stays the score's.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('rows of an identity matrix picked by labels are a one-hot encoding', () => {
  assertPhases('one-hot.py', [
    'import numpy as np',
    'import pandas as pd',
    'df = pd.read_csv("wine.csv")',
    'y_train = df["cultivar"].values',
    'K = 3',
    ['Y_train = np.eye(K)[y_train]', ['feature_engineering']],
    ["onehot = np.identity(10)[df['digit']]", ['feature_engineering']],
    ['I = np.eye(K)', { not: ['feature_engineering'] }, 'an identity matrix alone encodes nothing'],
  ]);
});
