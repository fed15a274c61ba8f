// Issue 13: zip(names, scores) carries the dataflow of every argument (knowledge base `=> args`): the scores keep their
// taint through dict(zip(...)); a loop over zip(...) binds each target to its own argument.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('scores zipped with names are still scores; the axes zipped with them are not', () => {
  assertPhases('zip.py', [
    'import numpy as np',
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.metrics import recall_score',
    'from sklearn.preprocessing import LabelEncoder',
    'df = pd.read_csv("a.csv")',
    'le = LabelEncoder()',
    'y = le.fit_transform(df["label"])',
    'X = df[["a", "b"]]',
    'clf = LogisticRegression().fit(X, y)',
    'recall = recall_score(y, clf.predict(X), average=None)',
    ['print(dict(zip(le.classes_, recall.round(3))))', ['model_evaluation'], 'was data_exploration: the scores lost through zip'],
    'names = ["lr"]',
    'results = [clf.score(X, y)]',
    ['table = dict(zip(names, results))', ['model_evaluation'], 'was other'],
    'worst = np.argsort(recall)[:2]',
    'fig, axes = plt.subplots(1, 2)',
    ['for ax, i in zip(axes, worst):', ['visualization'], 'the axes do not take the scores of worst'],
    '    ax.set_title(f"class {le.classes_[i]}")',
    '    ax.imshow(X.values[y == i][:4], cmap="gray")',
  ]);
});

test('counts indexed by the truth and the prediction of a zip loop are a confusion matrix: model_evaluation', () => {
  assertPhases('confusion.py', [
    'import numpy as np',
    'data = np.loadtxt("wine.csv", delimiter=",")',
    'X, y = data[:, 1:], data[:, 0].astype(int)',
    'W = np.load("w.npy")',
    'y_hat = (X @ W).argmax(axis=1)',
    ['conf = np.zeros((3, 3), dtype=int)', ['model_evaluation'], 'was other (initial values)'],
    ['for t, p in zip(y, y_hat):', ['model_evaluation'], 'was other (item assignment of a constant)'],
    '    conf[t, p] += 1',
    ['print(conf)', ['model_evaluation']],
  ]);
});
