// Issue 13 (train-and-evaluate helpers): a helper that fits a model, predicts with it and scores the predictions is
// model_training, prediction and model_evaluation, at its def and at every call, however many statements print
// scores, also when the model is built in the call or the helper draws too; a helper that only scores a fitted model
// stays model_evaluation.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('fit, predict and score in one helper: all three phases at the def and the calls', () => {
  assertPhases('helpers.py', [
    'import numpy as np',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.metrics import accuracy_score, f1_score, recall_score',
    'X_train, y_train = np.load("tr.npy"), np.load("ytr.npy")',
    'X_test, y_test = np.load("te.npy"), np.load("yte.npy")',
    ['def train_and_evaluate(model, name):', ['model_evaluation', 'model_training', 'prediction']],
    '    model.fit(X_train, y_train)',
    '    pred = model.predict(X_test)',
    '    print(name)',
    '    print("accuracy", accuracy_score(y_test, pred), "f1", f1_score(y_test, pred))',
    '    return recall_score(y_test, pred)',
    ['def score(model):', ['model_evaluation']],
    '    pred = model.predict(X_test)',
    '    print("accuracy", accuracy_score(y_test, pred))',
    '    return f1_score(y_test, pred)',
    'lr = LogisticRegression()',
    ['train_and_evaluate(lr, "logreg")', ['model_evaluation', 'model_training', 'prediction']],
    // (the model built in the call is the one the helper trains: its constructor adds no training weight of its own)
    ['train_and_evaluate(LogisticRegression(C=0.5), "logreg C=0.5")', ['model_evaluation', 'model_training', 'prediction']],
  ]);
});

test('a train-and-evaluate helper that also draws keeps all four phases', () => {
  assertPhases('drawing.py', [
    'import numpy as np',
    'import matplotlib.pyplot as plt',
    'import seaborn as sns',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.metrics import accuracy_score, confusion_matrix, classification_report',
    'X_train, y_train = np.load("tr.npy"), np.load("ytr.npy")',
    'X_test, y_test = np.load("te.npy"), np.load("yte.npy")',
    ['def run_model(model):', ['model_evaluation', 'model_training', 'prediction', 'visualization']],
    '    model.fit(X_train, y_train)',
    '    y_pred = model.predict(X_test)',
    '    print("accuracy", accuracy_score(y_test, y_pred))',
    '    print(classification_report(y_test, y_pred))',
    '    sns.heatmap(confusion_matrix(y_test, y_pred), annot=True)',
    '    plt.show()',
    ['run_model(LogisticRegression())', ['model_evaluation', 'model_training', 'prediction', 'visualization']],
  ]);
});
