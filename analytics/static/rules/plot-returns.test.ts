// Issue 13 (return types for plots): what a chain returns decides whether its `.plot()` draws. A statsmodels
// forecast's mean and interval are pandas objects (knowledge base: statsmodels.PredictionResults), so drawing them
// is visualization, and they stay predictions when kept; grouped sizes and a transposed frame draw too.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('plots of a forecast, of grouped sizes and of a transposed frame are visualization', () => {
  assertPhases('forecast_plot.py', [
    'import pandas as pd',
    'from statsmodels.tsa.statespace.sarimax import SARIMAX',
    'df = pd.read_csv("sales.csv")',
    'res = SARIMAX(df["y"], order=(1, 1, 1)).fit()',
    ['fc = res.get_forecast(12)', ['prediction']],
    ['fc.predicted_mean.plot()', ['visualization']],
    ['fc.conf_int().plot()', ['visualization']],
    ['mean = fc.predicted_mean', ['prediction']],
    ['df.groupby("month").size().plot()', ['visualization']],
    ['df.T.plot()', ['visualization']],
  ]);
});

test('a statsmodels forecast (forecast, predict, fittedvalues) is a pandas series: its .plot() draws, kept it stays predictions', () => {
  assertPhases('hw_plot.py', [
    'import pandas as pd',
    'from statsmodels.tsa.holtwinters import ExponentialSmoothing',
    'train = pd.read_csv("daily.csv", index_col=0, parse_dates=True)["load"]',
    'hw = ExponentialSmoothing(train, trend="add", seasonal="add", seasonal_periods=7).fit()',
    ['hw_forecast = hw.forecast(30)', ['prediction']],
    ['hw_forecast.plot(label="holt-winters")', ['visualization']],
    ['hw.fittedvalues.plot()', ['visualization']],
    ['last = hw_forecast.tail(7)', ['prediction']],
  ]);
});
