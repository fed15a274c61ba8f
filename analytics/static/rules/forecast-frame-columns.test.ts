// labeller/targets.ts: a column written into a frame made to be predicted on (future = m.make_future_dataframe(...);
// future['cap'] = 8.5, the logistic trend's capacity Prophet needs at prediction time) or into a frame of predictions
// (fc['sales'] = np.expm1(fc['yhat'])) belongs to the forecast: prediction, not a feature derived from the data.
// The same column written into the training frame stays feature_engineering.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('columns of a forecast frame are prediction; of the training frame, features', () => {
  assertPhases('prophet_cap.py', [
    'import numpy as np',
    'import pandas as pd',
    'from prophet import Prophet',
    'ts = pd.read_csv("sales.csv")',
    ['ts["cap"] = 8.5', ['feature_engineering']],
    'm = Prophet(growth="logistic")',
    'm.fit(ts)',
    'future = m.make_future_dataframe(periods=90)',
    ['future["cap"] = 8.5', ['prediction']],
    'fc = m.predict(future)',
    ['fc["sales"] = np.expm1(fc["yhat"])', ['prediction']],
  ]);
});
