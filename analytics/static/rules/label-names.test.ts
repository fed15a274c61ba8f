// Issue 13: only names that read as labels (y, y_train, ytr, yb, ys, Y_val) are taken for the target; words that merely
// start with a y (yearly, year, years, yelp) name data: yearly = df.pivot_table(...) is a summary, not a target selected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases } from '../../../test/support/phases-at.js';
import { LABEL_RE } from '../labeller/names.js';

test('a summary table named like a word starting with y is not a target selected', () => {
  assertPhases('years.py', [
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    'df = pd.read_csv("vgsales.csv")',
    ['yearly = df.pivot_table(index="Year", columns="Genre", values="Global_Sales", aggfunc="sum")', { not: ['feature_engineering'] }, 'a pivot of sales per year, not the label'],
    'yearly[["Action", "Sports"]].plot()',
    ['y = df["Global_Sales"]', ['feature_engineering'], 'the target column selected'],
  ]);
});

test('LABEL_RE: label names kept, words starting with y not', () => {
  for (const n of ['y', 'Y', 'y_train', 'Y_val', 'ytr', 'yte', 'ytrain', 'yval', 'yb', 'ys', 'y1', 'y_log', 'labels', 'train_y', 'sale_target'])
    assert.ok(LABEL_RE.test(n), n);
  for (const n of ['yearly', 'year', 'years', 'yelp', 'yes', 'young', 'yr_built', 'yield']) assert.ok(!LABEL_RE.test(n), n);
});
