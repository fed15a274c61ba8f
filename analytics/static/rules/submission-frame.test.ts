// Issue 13: writing a predictions file is not model building. Building or filling the frame of a submission from
// predictions made earlier is the content of the file being written: model_persistence, like its to_csv; a statement
// that calls predict itself while filling it is still prediction.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a submission frame and its to_csv are model_persistence; predicting into it is prediction', () => {
  assertPhases('sub.py', [
    'import joblib',
    'import pandas as pd',
    'model = joblib.load("m.joblib")',
    'test = pd.read_csv("test.csv")',
    ['preds = model.predict(test.drop(columns=["Id"]))', ['prediction']],
    ['submission = pd.DataFrame({"Id": test["Id"], "SalePrice": preds})', ['model_persistence']],
    ['sub = pd.DataFrame()', ['model_persistence']],
    ['sub["SalePrice"] = preds', ['model_persistence']],
    ['submission.to_csv("submission.csv", index=False)', ['model_persistence']],
    ['sub["Price"] = model.predict(test)', ['prediction']],
  ]);
});
