// Issue 13 (the seed of a recursive forecast): the last window of the data copied to be filled by a forecasting loop
// (window = test_scaled[-LOOKBACK:, 0].tolist(), then window.append(yhat) after each model.predict) is an accumulator
// of that loop (corpus README): prediction, not the feature engineering the copied values came from; a copy that no
// model-building loop fills keeps the phase of what it copies.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('the last window copied and filled by a forecasting loop is prediction', () => {
  assertPhases('seed.py', [
    'import numpy as np',
    'from sklearn.preprocessing import MinMaxScaler',
    'from tensorflow import keras',
    'series = np.load("load.npy")',
    'scaler = MinMaxScaler()',
    'test_scaled = scaler.fit_transform(series.reshape(-1, 1))',
    'model = keras.models.load_model("lstm.keras")',
    ['window = test_scaled[-48:, 0].tolist()', ['prediction']],
    'forecast = []',
    'for _ in range(24):',
    '    yhat = model.predict(np.array(window[-48:])[None, :, None], verbose=0)[0, 0]',
    '    forecast.append(yhat)',
    '    window.append(yhat)',
    ['scaled_copy = test_scaled[:, 0].tolist()', ['feature_engineering']],
    'print(len(scaled_copy))',
  ]);
});
