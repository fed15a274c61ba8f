// Issue 13: the test matrix reindexed to the training matrix's columns after one-hot encoding
// (X_sub = X_sub.reindex(columns=X.columns, fill_value=0)) builds the feature matrix: feature_engineering;
// other in-place reorganisations of the data set stay data_cleaning.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('columns aligned to another frame are feature engineering', () => {
  assertPhases('align.py', [
    'import pandas as pd',
    'train = pd.read_csv("train.csv")',
    'test = pd.read_csv("test.csv")',
    'train = train.drop("Loan_ID", axis=1)',
    'X = pd.get_dummies(train.drop("Loan_Status", axis=1))',
    'X_sub = pd.read_csv("sub.csv")',
    ['X_sub = X_sub.reindex(columns=X.columns, fill_value=0)', ['feature_engineering']],
    ['test = test.reindex(columns=train.columns.drop("Survived"), fill_value=0)', ['feature_engineering']],
    ['test = test.set_index("date")', ['data_cleaning'], 'an index set in place'],
  ]);
});
