// Issue 13 (submission frames by use, not by name): a frame built from predictions (and ids) whose use is being
// written to a file is the content of a predictions file: its construction and the statements filling it are
// model_persistence, like the write (corpus README). A statement that calls predict while filling it stays
// prediction; a frame of predictions that is only looked at stays prediction.
import { test } from 'node:test';
import { assertPhases, type SnippetLine } from '../../../test/support/phases-at.js';

const PRELUDE: SnippetLine[] = [
  'import joblib',
  'import numpy as np',
  'import pandas as pd',
  'model = joblib.load("m.joblib")',
  'test = pd.read_csv("test.csv")',
  'X_test = test.drop(columns=["id"])',
  ['predictions = model.predict(X_test)', ['prediction']],
];

test('a frame of ids and predictions written to a file is model_persistence, whatever its name', () => {
  assertPhases('out.py', [
    ...PRELUDE,
    ['output = pd.DataFrame({"PassengerId": test["id"], "Survived": predictions.astype(int)})', ['model_persistence']],
    ['output.to_csv("answers.csv", index=False)', ['model_persistence']],
  ]);
});

test('a frame filled column by column with predictions, then written, is model_persistence', () => {
  assertPhases('fill.py', [
    ...PRELUDE,
    ['result = test.loc[:, ["id"]]', ['model_persistence']],
    ['result["sales"] = np.expm1(predictions)', ['model_persistence']],
    ['result["id"] = result["id"].astype(int)', ['model_persistence']],
    ['result.to_csv("result.csv", index=False)', ['model_persistence']],
    ['frame = pd.DataFrame()', ['model_persistence']],
    ['frame["id"] = test["id"]', ['model_persistence']],
    ['frame["p"] = model.predict(X_test)', ['prediction'], 'predicting while filling it is prediction'],
    ['frame.to_parquet("p.parquet")', ['model_persistence']],
  ]);
});

test('a frame of predictions only looked at, or data written, is not a predictions file', () => {
  assertPhases('look.py', [
    ...PRELUDE,
    ['res = pd.DataFrame({"id": test["id"], "pred": predictions})', ['prediction']],
    'print(res.head())',
    ['clean = test.loc[:, ["id", "a"]]', { not: ['model_persistence'] }],
    'clean["a"] = clean["a"].fillna(0)',
    'clean.to_csv("clean.csv", index=False)',
  ]);
});
