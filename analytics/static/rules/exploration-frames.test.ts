// Issue 13 ("Start here" kernels): a frame of a few columns taken out, binned and summarised only to look at the data
// (age_data = app_train[['TARGET', 'DAYS_BIRTH']]; age_data['YEARS_BINNED'] = pd.cut(...); age_data.groupby(...).mean())
// is data_exploration, the binning included; the same columns taken to fit a model stay feature_engineering.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('columns taken out and binned only to be summarised are data exploration', () => {
  assertPhases('age_groups.py', [
    'import numpy as np',
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    "app_train = pd.read_csv('application_train.csv')",
    ["age_data = app_train[['TARGET', 'DAYS_BIRTH']]", ['data_exploration']],
    ["age_data['YEARS_BIRTH'] = age_data['DAYS_BIRTH'] / 365", ['data_exploration']],
    ["age_data['YEARS_BINNED'] = pd.cut(age_data['YEARS_BIRTH'], bins=np.linspace(20, 70, num=11))", ['data_exploration'], 'a binning made only to summarise'],
    ['age_data.head(10)', ['data_exploration']],
    ["age_groups = age_data.groupby('YEARS_BINNED').mean()", ['visualization']],
    "plt.bar(age_groups.index.astype(str), 100 * age_groups['TARGET'])",
    ["reg_data = app_train[['TARGET', 'ps_reg_03']].dropna()", ['data_exploration'], 'complete rows taken to look at them'],
    ["reg_data['reg_binned'] = pd.qcut(reg_data['ps_reg_03'], q=10)", ['data_exploration']],
    "reg_data.groupby('reg_binned')['TARGET'].agg(['mean', 'count'])",
  ]);
});

test('columns taken out and derived for a model stay feature engineering', () => {
  assertPhases('model_frame.py', [
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    "app_train = pd.read_csv('application_train.csv')",
    ["X = app_train[['a', 'b']].copy()", ['feature_engineering']],
    ["X['ab'] = X['a'] * X['b']", ['feature_engineering']],
    'X.head()',
    "model = LogisticRegression().fit(X, app_train['TARGET'])",
  ]);
});
