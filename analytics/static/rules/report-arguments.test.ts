// Issue 13: a series transformed in the arguments of a user's report (adf_report(series.diff())) is prepared for the
// look the report prints: data_exploration, not feature_engineering.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a differenced series passed to a user report of a stationarity test is looked at, not engineered', () => {
  assertPhases('adf.py', [
    'import pandas as pd',
    'from statsmodels.tsa.stattools import adfuller',
    'series = pd.read_csv("a.csv", index_col=0)["y"]',
    'def adf_report(x):',
    '    stat, p, lags, nobs, crit, _ = adfuller(x.dropna())',
    "    print(f'ADF statistic {stat:.3f}, p-value {p:.4f}')",
    ['adf_report(series)', ['data_exploration']],
    ['adf_report(series.diff())', ['data_exploration'], 'the difference serves the test shown'],
    ['diffed = series.diff()', ['feature_engineering'], 'kept, it is a transform'],
    'print(diffed.head())',
  ]);
});
