// Issue 13 (the label column dropped): once the target is taken out (y_train = train.SalePrice.values), dropping its
// column from the table the model reads selects the features (feature_engineering), in place or rebound; dropping
// other columns, or the label column before any label was taken, still cleans.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('dropping the column the labels were taken from keeps the features', () => {
  assertPhases('labels.py', [
    'import pandas as pd',
    'train = pd.read_csv("train.csv")',
    'test = pd.read_csv("test.csv")',
    ['raw = train.drop(["SalePrice"], axis=1)', ['data_cleaning'], 'no label taken yet'],
    'y_train = train.SalePrice.values',
    'all_data = pd.concat((train, test)).reset_index(drop=True)',
    ['all_data.drop(["SalePrice"], axis=1, inplace=True)', ['feature_engineering']],
    'y = train["Survived"]',
    ['train = train.drop(columns="Survived")', ['feature_engineering']],
    ['test.drop(["Ticket"], axis=1, inplace=True)', ['data_cleaning']],
  ]);
});
