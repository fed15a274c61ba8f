// Issue 13: rows of a frame holding a model's predictions, shown as they are, show predictions; summaries of them evaluate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../index.js';
import { phasesAt } from '../../../test/support/phases-at.js';

test("head / print of a frame's prediction column is prediction; a summary of it is evaluation", () => {
  const src = [
    'import joblib',
    'import pandas as pd',
    'model = joblib.load("m.joblib")',
    'future = pd.read_csv("future.csv")',
    'future["forecast"] = model.predict(future[["a", "b"]])',
    'print(future[["week", "forecast"]].head())', // 6
    'top = future.sort_values("forecast", ascending=False).head(10)', // 7
    'future.groupby("store")["forecast"].mean()', // 8
  ].join('\n');
  const a = analyzeSource(src, 'fc.py');
  assert.deepEqual(phasesAt(a, 6), ['prediction']);
  assert.deepEqual(phasesAt(a, 7), ['prediction']);
  assert.deepEqual(phasesAt(a, 8), ['model_evaluation']);
});
