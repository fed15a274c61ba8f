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

// the forecasting kernels standardise with the training split's statistics, then bring the predictions back to the
// data's scale with the same statistics (and save them with the model): they were made for the features first
test('statistics that standardised the features, then undo the scaling of predictions, are feature_engineering', () => {
  assertPhases('standardise_back.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.linear_model import Ridge',
    'df = pd.read_csv("weather.csv")',
    'train_df = df[:7000]',
    'test_df = df[7000:]',
    ['mean, std = train_df.mean(), train_df.std()', ['feature_engineering'], 'first read by the standardisation'],
    ['train_df, test_df = (train_df - mean) / std, (test_df - mean) / std', ['feature_engineering']],
    'model = Ridge().fit(train_df[["a", "b"]], train_df["temp"])',
    'preds = model.predict(test_df[["a", "b"]]) * std["temp"] + mean["temp"]',
    ['level = df.mean()', ['data_exploration'], 'first read by a prediction: not made for features'],
    'baseline = model.predict(test_df[["a", "b"]]) + level["temp"]',
  ]);
});
