// Issue 13: building a submission frame holds predictions (prediction); only writing it out persists them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../index.js';
import { phasesAt } from '../../../test/support/phases-at.js';

test('a submission frame is prediction; its to_csv is model_persistence', () => {
  const src = [
    'import joblib',
    'import pandas as pd',
    'model = joblib.load("m.joblib")',
    'test = pd.read_csv("test.csv")',
    'preds = model.predict(test.drop(columns=["Id"]))',
    'submission = pd.DataFrame({"Id": test["Id"], "SalePrice": preds})', // 6
    'sub = pd.DataFrame()',
    'sub["SalePrice"] = preds', // 8
    'submission.to_csv("submission.csv", index=False)', // 9
  ].join('\n');
  const a = analyzeSource(src, 'sub.py');
  assert.deepEqual(phasesAt(a, 6), ['prediction']);
  assert.deepEqual(phasesAt(a, 8), ['prediction']);
  assert.deepEqual(phasesAt(a, 9), ['model_persistence']);
});
