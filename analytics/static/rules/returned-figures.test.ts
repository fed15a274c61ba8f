// Issue 13: statsmodels' plotting functions and methods return the matplotlib figure they draw (seasonal_decompose(...)
// .plot(), plot_acf, qqplot, results.plot_diagnostics): resizing or saving that figure is part of the figure.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('the figure a statsmodels plot returns, resized, is visualization', () => {
  assertPhases('decompose.py', [
    'import pandas as pd',
    'from statsmodels.tsa.seasonal import seasonal_decompose',
    'from statsmodels.graphics.tsaplots import plot_acf',
    'df = pd.read_csv("passengers.csv", index_col="month", parse_dates=True)',
    "decomposition = seasonal_decompose(df['passengers'], model='multiplicative')",
    ['fig = decomposition.plot()', ['visualization']],
    ['fig.set_size_inches(14, 10)', ['visualization']],
    "fig2 = plot_acf(df['passengers'], lags=40)",
    ['fig2.set_size_inches(12, 4)', ['visualization']],
  ]);
});
