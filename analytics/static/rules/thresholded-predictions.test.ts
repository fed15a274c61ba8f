// Issue 13: thresholding a model's probabilities ((probs > 0.5).astype(int)) makes predictions, not features.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../index.js';
import { phasesAt } from '../../../test/support/phases-at.js';

test('thresholded probabilities are predictions, also when bound to a label-like name or stored in a column', () => {
  const src = [
    'import pandas as pd',
    'from tensorflow import keras',
    'df = pd.read_csv("customers.csv")',
    'model = keras.models.load_model("m.keras")',
    'probs = model.predict(df[["a", "b"]])',
    'labels = (probs > 0.5).astype(int).ravel()', // 6
    'df["flag"] = labels', // 7
    'df["adult"] = (df["age"] >= 18).astype(int)', // 8
  ].join('\n');
  const a = analyzeSource(src, 'thr.py');
  assert.deepEqual(phasesAt(a, 6), ['prediction']);
  assert.deepEqual(phasesAt(a, 7), ['prediction']);
  assert.deepEqual(phasesAt(a, 8), ['feature_engineering']);
});
