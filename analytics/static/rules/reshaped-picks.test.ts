// Issue 13: the MNIST tutorials show one image by picking its pixels and re-shaping them into the same name
// (`img = X_train.iloc[0].values`, `img = img.reshape((28, 28))`, `plt.imshow(img)`): both statements are part of the
// figure (values picked out only to be drawn, corpus README), not feature engineering. When the re-shaped values are
// used otherwise than drawn, neither statement is a part of a figure.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a picked image re-shaped into its own name and then drawn belongs to the figure', () => {
  assertPhases('one_digit.py', [
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    'train = pd.read_csv("train.csv")',
    'X_train = train.drop(labels=["label"], axis=1)',
    ['img = X_train.iloc[0].values', ['visualization']],
    ['img = img.reshape((28, 28))', ['visualization']],
    'plt.imshow(img, cmap="gray")',
    'plt.show()',
  ]);
});

test('a picked row re-shaped and then fed to a model is not a figure', () => {
  assertPhases('one_row.py', [
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    'train = pd.read_csv("train.csv")',
    'X = train.drop(columns=["label"])',
    'clf = LogisticRegression().fit(X, train["label"])',
    'row = X.iloc[0].values',
    ['row = row.reshape(1, -1)', { not: ['visualization'] }],
    'print(clf.predict(row))',
  ]);
});
