// Prophet (analytics/knowledge/tuning_misc.json, type prophet.Model): the frame of future dates is made to be predicted
// on, the model's own plot / plot_components draw its forecast, and prophet.diagnostics' rolling-origin cross
// validation and its metrics evaluate the model (they were read as predictions, as the statsmodels Model it mapped to).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('Prophet: future frame and forecast are prediction, its plots visualization, its diagnostics evaluation', () => {
  assertPhases('prophet_forecast.py', [
    'import pandas as pd',
    'from prophet import Prophet',
    'from prophet.diagnostics import cross_validation, performance_metrics',
    'from prophet.plot import plot_cross_validation_metric',
    'df = pd.read_csv("sales.csv", parse_dates=["Date"])',
    'ts = df.rename(columns={"Date": "ds", "Sales": "y"})[["ds", "y"]]',
    ['m = Prophet(yearly_seasonality=True, changepoint_prior_scale=0.3)', ['model_training']],
    ['m.add_country_holidays(country_name="US")', ['model_training']],
    ['m.fit(ts)', ['model_training']],
    ['future = m.make_future_dataframe(periods=30)', ['prediction']],
    ['forecast = m.predict(future)', ['prediction']],
    ['fig = m.plot(forecast)', ['visualization']],
    ['fig2 = m.plot_components(forecast)', ['visualization']],
    ['df_cv = cross_validation(m, initial="365 days", period="30 days", horizon="60 days")', ['model_evaluation']],
    ['perf = performance_metrics(df_cv)', ['model_evaluation']],
    ['print(perf[["horizon", "rmse", "mape"]].head())', ['model_evaluation']],
    ['plot_cross_validation_metric(df_cv, metric="mape")', ['visualization']],
  ]);
});

test('fbprophet, the library\'s former name, is the same library', () => {
  assertPhases('fbprophet_forecast.py', [
    'import pandas as pd',
    'from fbprophet import Prophet',
    'ts = pd.read_csv("ts.csv")',
    ['m = Prophet()', ['model_training']],
    'm.fit(ts)',
    ['future = m.make_future_dataframe(periods=12, freq="M")', ['prediction']],
    ['fig = m.plot(m.predict(future))', ['visualization']],
  ]);
});
