// Issue 13 (per-cell classes): reorganising what feature engineering made continues it — a reshape or dtype
// change of rescaled features, or the dtype of a scaler's output, is not data cleaning (labeller/assign.ts,
// labeller/call.ts, rules/encoding.ts isReorganisation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases } from '../../../test/support/phases-at.js';
import { isReorganisation } from './encoding.js';

test('x = x.reshape(...) after x = x / 255 is feature engineering; dropping columns of loaded data stays cleaning', () => {
  assertPhases('cnn.py', [
    'import pandas as pd',
    'from tensorflow.keras.datasets import fashion_mnist',
    '(x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()',
    ["x_train = x_train.astype('float32') / 255.0", ['feature_engineering']],
    ['x_train = x_train.reshape(-1, 28, 28, 1)', ['feature_engineering']],
    'df = pd.read_csv("meta.csv")',
    ["df = df.drop(columns=['id'])", ['data_cleaning']],
  ]);
});

test("the dtype of a scaler's output is part of making the features", () => {
  assertPhases('lstm.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.preprocessing import StandardScaler',
    'sales = pd.read_csv("sales.csv")',
    'scaler = StandardScaler()',
    ["series = scaler.fit_transform(sales[['units']]).astype(np.float32)", ['feature_engineering']],
  ]);
});

test('reorganisations are shape, dtype, column and copy operations only', () => {
  for (const m of ['reshape', 'astype', 'drop', 'copy']) assert.equal(isReorganisation(m), true);
  for (const m of ['dropna', 'fillna', 'drop_duplicates', 'replace']) assert.equal(isReorganisation(m), false);
});
