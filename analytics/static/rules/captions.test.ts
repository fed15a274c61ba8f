// Issue 13: a top-level print of literals only (print('Classification report:'), print('-' * 40)) captions the output
// of the statements around it: it takes the phases of the next statement of its paragraph, else of the one before.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a printed caption takes the phases of the output it titles', () => {
  assertPhases('captions.py', [
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.metrics import classification_report, confusion_matrix',
    'df = pd.read_csv("train.csv")',
    'X, y = df.drop(columns="y"), df["y"]',
    '',
    'model = LogisticRegression().fit(X, y)',
    ['print("model trained")', ['model_training'], 'a caption after the work it reports on'],
    '',
    'pred = model.predict(X)',
    ["print('=' * 40)", ['model_evaluation'], 'a run of captions looks past its members'],
    ["print('Confusion matrix:')", ['model_evaluation']],
    ['print(confusion_matrix(y, pred))', ['model_evaluation']],
    '',
    ['print("the end")', ['other'], 'a caption alone in its paragraph stays other'],
  ]);
});
