// Issue 13: statistics kept only for the statements that make features (the mean and spread of a standardisation)
// are part of making them, not a look at the data; read by anything else too, they stay what they were.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('statistics read only by a standardisation (and shown) are feature_engineering; read only by a display, data_exploration', () => {
  assertPhases('standardise.py', [
    'import pandas as pd',
    'df = pd.read_csv("weather.csv")',
    'train_df = df[:7000]',
    'test_df = df[7000:]',
    ['mean, std = train_df.mean(), train_df.std()', ['feature_engineering'], 'was data_exploration (pandas mean, std)'],
    'print(mean)',
    ['train_df, test_df = (train_df - mean) / std, (test_df - mean) / std', ['feature_engineering']],
    ['stats = df.mean()', ['data_exploration'], 'read by a display of data only'],
    'print(stats.round(2))',
  ]);
});
