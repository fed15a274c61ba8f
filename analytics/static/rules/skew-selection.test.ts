// Issue 13: statistics computed to choose the columns a transform is applied to (skewness of each numeric column, the
// skewed ones then log-transformed) are part of making the features, like the columns list they start from.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('skewness computed to pick the columns to log-transform is feature_engineering, with the columns it reads', () => {
  assertPhases('skew.py', [
    'import numpy as np',
    'import pandas as pd',
    'from scipy import stats',
    'from scipy.stats import skew',
    'houses = pd.read_csv("train.csv")',
    ["numeric = houses.select_dtypes(exclude='object').columns.drop('SalePrice')", ['feature_engineering'], 'columns read only by the skewness'],
    ['skewness = houses[numeric].apply(lambda x: stats.skew(x)).abs()', ['feature_engineering']],
    ['skewed = skewness[skewness > 0.75].index', ['feature_engineering']],
    ['houses[skewed] = np.log1p(houses[skewed])', ['feature_engineering']],
    ['skewed_feats = houses[numeric].apply(lambda x: skew(x.dropna())).sort_values(ascending=False)', ['feature_engineering'], 'no reduction names it a statistic'],
    'for feat in skewed_feats[abs(skewed_feats) > 0.75].index:',
    '    houses[feat] = np.log1p(houses[feat])',
    ['corr = houses.corr()', ['data_exploration'], 'a statistic only shown stays a look at the data'],
    'print(corr)',
  ]);
});

test('a missing-value mask is not a statistic made for features', () => {
  assertPhases('mask.py', [
    'import pandas as pd',
    'data = pd.read_csv("train.csv")',
    ['miss = data["Item_Weight"].isnull()', { not: ['feature_engineering'] }],
    'data.loc[miss, "Item_Weight_log"] = data.loc[miss, "Item_Weight"] * 2',
  ]);
});
