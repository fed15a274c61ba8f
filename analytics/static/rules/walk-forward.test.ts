// Issue 13 (walk-forward loops): list(x) is a Python list, not x's type, so appending observed values to it is no
// DataFrame.append (cleaning); a list copied from the training series (history = list(train)) that a loop fitting and
// forecasting fills is an accumulator of that loop, not a split of the data.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('the history list of a walk-forward loop is filled by the fitting loop', () => {
  assertPhases('walk.py', [
    'import pandas as pd',
    'from statsmodels.tsa.arima.model import ARIMA',
    'series = pd.read_csv("s.csv", index_col=0).squeeze()',
    'train, test = series[:-24], series[-24:]',
    ['history = list(train)', ['model_training']],
    'walk = []',
    ['for t in range(len(test)):', ['model_training', 'prediction']],
    '    m = ARIMA(history, order=(1, 1, 1)).fit()',
    '    walk.append(m.forecast()[0])',
    '    history.append(test.iloc[t])',
    ['names = list(series.index)', ['other']],
  ]);
});
