// Issue 13: predictions attached to a frame with assign (`test_df.assign(pred=pred)`) are predictions, like
// `test_df['pred'] = pred`; the rows where they differ from the truth, and what is shown of them, are evaluation.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a frame given a predictions column by assign: error analysis on it is evaluation', () => {
  assertPhases('errors.py', [
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    'train_df = pd.read_csv("train.csv")',
    'test_df = pd.read_csv("test.csv")',
    'clf = LogisticRegression().fit(train_df[["a", "b"]], train_df["band"])',
    'pred = clf.predict(test_df[["a", "b"]])',
    ['test_df = test_df.assign(pred=pred)', ['prediction']],
    ['wrong = test_df[test_df["band"] != test_df["pred"]]', ['model_evaluation']],
    ['wrong[["a", "band", "pred"]].head(10)', ['model_evaluation']],
    ['page = test_df["a"].iloc[0]', { not: ['prediction'] }, 'another column of the frame is data'],
    ['test_df = test_df.assign(ratio=test_df["a"] / test_df["b"])', ['feature_engineering']],
  ]);
});
