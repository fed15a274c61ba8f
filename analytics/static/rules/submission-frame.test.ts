// Issue 13: building a submission frame holds predictions (prediction); only writing it out persists them.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a submission frame is prediction; its to_csv is model_persistence', () => {
  assertPhases('sub.py', [
    'import joblib',
    'import pandas as pd',
    'model = joblib.load("m.joblib")',
    'test = pd.read_csv("test.csv")',
    'preds = model.predict(test.drop(columns=["Id"]))',
    ['submission = pd.DataFrame({"Id": test["Id"], "SalePrice": preds})', ['prediction']],
    'sub = pd.DataFrame()',
    ['sub["SalePrice"] = preds', ['prediction']],
    ['submission.to_csv("submission.csv", index=False)', ['model_persistence']],
  ]);
});
