// Issue 13: rows of a frame holding a model's predictions, shown as they are, show predictions; summaries of them evaluate.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test("head / print of a frame's prediction column is prediction; a summary of it is evaluation", () => {
  assertPhases('fc.py', [
    'import joblib',
    'import pandas as pd',
    'model = joblib.load("m.joblib")',
    'future = pd.read_csv("future.csv")',
    'future["forecast"] = model.predict(future[["a", "b"]])',
    ['print(future[["week", "forecast"]].head())', ['prediction']],
    ['top = future.sort_values("forecast", ascending=False).head(10)', ['prediction']],
    ['future.groupby("store")["forecast"].mean()', ['model_evaluation']],
  ]);
});
