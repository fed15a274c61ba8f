// Issue 13: a dict filled by item in a loop that scores models (cv[name] = {'acc': accuracy_score(...)}) holds scores:
// the table made from it (pd.DataFrame(cv).T) and its display are model_evaluation, not other / data_exploration.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a table of the scores a loop filled by item is model evaluation', () => {
  assertPhases('score-table.py', [
    'import pandas as pd',
    'from sklearn.metrics import accuracy_score, f1_score',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.ensemble import RandomForestClassifier',
    'df = pd.read_csv("train.csv")',
    'X_train, X_test, y_train, y_test = df, df, df["y"], df["y"]',
    "models = {'lr': LogisticRegression(), 'rf': RandomForestClassifier()}",
    ['cv_table = {}', ['model_evaluation']],
    'for name, model in models.items():',
    '    pred = model.predict(X_test)',
    "    cv_table[name] = {'acc': accuracy_score(y_test, pred), 'f1': f1_score(y_test, pred)}",
    ["cv_table = pd.DataFrame(cv_table).T.sort_values('f1')", ['model_evaluation']],
    ['print(cv_table.round(4))', ['model_evaluation']],
  ]);
});
