// Issue 13: a data set filtered by a condition on values computed inside the mask (`df = df[df.text.str.len() > 50]`)
// is cleaning: the lengths, word counts or dates computed there only decide which rows stay, they make no column.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('values computed inside a row filter of the data set itself do not make it feature engineering', () => {
  assertPhases('filters.py', [
    'import pandas as pd',
    'jobs = pd.read_csv("jobs.csv")',
    ['jobs = jobs[jobs["description"].str.len() > 50]', ['data_cleaning']],
    ['jobs = jobs.loc[jobs["title"].str.split().str.len() >= 2]', ['data_cleaning']],
    ['jobs["n_words"] = jobs["description"].str.split().str.len()', ['feature_engineering']],
  ]);
});

// Rows picked into a new name are a selection for what reads them (a subset to plot, to test, a split), not the
// data set rid of rows: only a frame filtered into itself is cleaning.
test('rows filtered into a new name take the phase of their reader; into the same name they are cleaning', () => {
  assertPhases('subsets.py', [
    'import pandas as pd',
    'from scipy import stats',
    'exam = pd.read_csv("exam.csv")',
    ['exam = exam[exam["score"] >= 0]', ['data_cleaning']],
    ['prepared = exam.loc[exam["prep"] == "completed", "score"]', { not: ['data_cleaning'] }],
    ['unprepared = exam.loc[exam["prep"] == "none", "score"]', { not: ['data_cleaning'] }],
    'print(stats.ttest_ind(prepared, unprepared))',
    ['adults = exam[exam["age"] > 17]', ['data_cleaning'], 'read by nothing: a filter keeps its cleaning'],
  ]);
});

test('rows picked per group in a comprehension or a loop clean nothing', () => {
  assertPhases('groups.py', [
    'import numpy as np',
    'points = np.load("points.npy")',
    'labels = np.load("labels.npy")',
    'centroids = np.load("centroids.npy")',
    ['inertia = sum(((points[labels == j] - centroids[j]) ** 2).sum() for j in range(3))', { not: ['data_cleaning'] }],
    ['for j in range(3):', { not: ['data_cleaning'] }],
    '    members = points[labels == j]',
    '    print(j, members.mean(axis=0))',
  ]);
});

test('a frame filtered into train and valid parts at once is a split', () => {
  assertPhases('split_both.py', [
    'import pandas as pd',
    'long = pd.read_csv("views.csv")',
    'last = "2016-11-01"',
    ['train, valid = long[long["date"] < last], long[long["date"] >= last]', ['data_splitting']],
  ]);
});

test('rows picked by a condition kept in a name (a z-score rule) are filtered: the rule and the filter are data_cleaning', () => {
  assertPhases('zscore.py', [
    'import numpy as np',
    'data = np.loadtxt("wine.csv", delimiter=",")',
    'y = data[:, 0].astype(int)',
    'X = data[:, 1:]',
    ['z = np.abs((X - X.mean(axis=0)) / X.std(axis=0))', ['data_cleaning']],
    ['keep = (z < 4).all(axis=1)', ['data_cleaning']],
    ['X, y = X[keep], y[keep]', ['data_cleaning'], 'was a features/target selection (feature_engineering)'],
    'print(X.shape)',
  ]);
});
