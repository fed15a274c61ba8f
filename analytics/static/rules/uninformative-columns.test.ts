// Issue 13: columns that vary too little to be features, picked by a filter on their spread
// (constant = [c for c in train.columns if train[c].std() == 0]) and dropped, are feature selection:
// feature_engineering; other drops stay data_cleaning.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('uninformative columns selected out are feature engineering', () => {
  assertPhases('constant.py', [
    'import pandas as pd',
    'train = pd.read_csv("train.csv")',
    'test = pd.read_csv("test.csv")',
    ['constant = [c for c in train.columns if train[c].std() == 0]', ['feature_engineering']],
    ['single = [c for c in test.columns if test[c].nunique() == 1]', ['feature_engineering']],
    ['train.drop(constant, axis=1, inplace=True)', ['feature_engineering']],
    ['test = test.drop(columns=single)', ['feature_engineering']],
    ['train.drop(["Id"], axis=1, inplace=True)', ['data_cleaning'], 'an identifier dropped'],
  ]);
});
