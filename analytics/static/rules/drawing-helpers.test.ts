// Issue 13: a helper that trains, scores and then draws (a confusion matrix through another helper) makes a figure at
// every call: its def and its calls are visualization as well as what the rest of the body does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a train-and-evaluate helper that ends by drawing is visualization too, and so are its calls', () => {
  const a = assertPhases('helpers.py', [
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    'import seaborn as sns',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.metrics import accuracy_score, confusion_matrix, classification_report',
    'train = pd.read_csv("train.csv")',
    'test = pd.read_csv("test.csv")',
    'def plot_cm(y_true, y_pred, title):',
    '    sns.heatmap(confusion_matrix(y_true, y_pred), annot=True)',
    '    plt.title(title)',
    '    plt.show()',
    'def run_model(model, X_tr, y_tr, X_te, y_te, name):',
    '    model.fit(X_tr, y_tr)',
    '    y_pred = model.predict(X_te)',
    '    print(name, accuracy_score(y_te, y_pred))',
    '    print(classification_report(y_te, y_pred))',
    ['    plot_cm(y_te, y_pred, name)', ['visualization'], 'the drawing step keeps its phase inside the helper'],
    '    return accuracy_score(y_te, y_pred)',
    'acc = run_model(LogisticRegression(), train.drop(columns="y"), train["y"], test.drop(columns="y"), test["y"], "lr")',
    'def score_model(model, X_te, y_te):',
    '    y_pred = model.predict(X_te)',
    '    print(accuracy_score(y_te, y_pred))',
    '    return accuracy_score(y_te, y_pred)',
    'score_model(LogisticRegression().fit(train.drop(columns="y"), train["y"]), test.drop(columns="y"), test["y"])',
  ]);
  const at = (line: number) => a.statements.find((s) => s.start_line === line && s.cell === null)!.phases;
  assert.ok(at(12).includes('visualization') && at(12).includes('model_evaluation'), `def run_model: ${at(12)}`);
  assert.ok(at(19).includes('visualization') && at(19).includes('model_evaluation'), `run_model(...) call: ${at(19)}`);
  assert.ok(!at(20).includes('visualization') && !at(24).includes('visualization'), 'a helper that does not draw is no figure');
});
