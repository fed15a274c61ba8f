// Issue 13: `df['Fare'] = np.where(df['Fare'] > 500, 500, df['Fare'])` keeps the column but where a condition holds, and
// puts a constant or a statistic of it there (a cap, a NaN for invalid values, an imputed median): cleaning, like
// `df.loc[df['Fare'] > 500, 'Fare'] = 500`. An indicator or a transform made by np.where stays feature engineering.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('np.where keeping a column but where a condition holds cleans it', () => {
  assertPhases('where.py', [
    'import numpy as np',
    'import pandas as pd',
    'df = pd.read_csv("train.csv")',
    ['df["Fare"] = np.where(df["Fare"] > 500, 500, df["Fare"])', ['data_cleaning'], 'capped'],
    ['df["Income"] = np.where(df.Income < 0, np.nan, df.Income)', ['data_cleaning'], 'invalid values made missing'],
    ['df["Age"] = np.where(df["Age"].isnull(), df["Age"].median(), df["Age"])', ['data_cleaning'], 'imputed'],
    ['df.Rooms = np.where(df.Rooms > 10, 10, df.Rooms)', ['data_cleaning']],
    ['df["x"] = np.where(df["x"] > 0, np.log(df["x"]), df["x"])', ['feature_engineering'], 'a transform where a condition holds'],
    ['df["y2"] = np.where(df["y"] > 0, df["y"], 0)', ['feature_engineering'], 'a new column'],
    ['df["Sex"] = np.where(df["Sex"] == "male", 1, 0)', ['feature_engineering'], 'an encoding'],
  ]);
});

test('np.where capping a column at a bound kept in a name cleans it, and the bound with it', () => {
  assertPhases('where_bound.py', [
    'import numpy as np',
    'import pandas as pd',
    'df = pd.read_csv("train.csv")',
    ['upper = df.Amount.quantile(0.99)', ['data_cleaning'], 'the bound'],
    ['df["Amount"] = np.where(df["Amount"] > upper, upper, df["Amount"])', ['data_cleaning'], 'capped at the bound'],
    'threshold = 3',
    ['df["flag"] = np.where(df["Amount"] > threshold, threshold, df["flag"])', ['feature_engineering'], 'another column compared'],
    'print(df.head())',
  ]);
});
