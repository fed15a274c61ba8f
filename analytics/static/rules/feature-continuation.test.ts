// Issue 13 (per-cell classes): reorganising what feature engineering made continues it — a reshape or dtype
// change of rescaled features, or the dtype of a scaler's output, is not data cleaning (labeller/assign.ts,
// labeller/call.ts, rules/encoding.ts isReorganisation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../index.js';
import { phasesAt } from '../../../test/support/phases-at.js';
import { isReorganisation } from './encoding.js';

test('x = x.reshape(...) after x = x / 255 is feature engineering; dropping columns of loaded data stays cleaning', () => {
  const src = [
    'import pandas as pd',
    'from tensorflow.keras.datasets import fashion_mnist',
    '(x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()',
    "x_train = x_train.astype('float32') / 255.0", // 4
    'x_train = x_train.reshape(-1, 28, 28, 1)', // 5
    'df = pd.read_csv("meta.csv")',
    "df = df.drop(columns=['id'])", // 7
  ].join('\n');
  const a = analyzeSource(src, 'cnn.py');
  assert.deepEqual(phasesAt(a, 4), ['feature_engineering']);
  assert.deepEqual(phasesAt(a, 5), ['feature_engineering']);
  assert.deepEqual(phasesAt(a, 7), ['data_cleaning']);
});

test("the dtype of a scaler's output is part of making the features", () => {
  const src = [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.preprocessing import StandardScaler',
    'sales = pd.read_csv("sales.csv")',
    'scaler = StandardScaler()',
    "series = scaler.fit_transform(sales[['units']]).astype(np.float32)", // 6
  ].join('\n');
  assert.deepEqual(phasesAt(analyzeSource(src, 'lstm.py'), 6), ['feature_engineering']);
});

test('reorganisations are shape, dtype, column and copy operations only', () => {
  for (const m of ['reshape', 'astype', 'drop', 'copy']) assert.equal(isReorganisation(m), true);
  for (const m of ['dropna', 'fillna', 'drop_duplicates', 'replace']) assert.equal(isReorganisation(m), false);
});
