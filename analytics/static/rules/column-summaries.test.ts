// Issue 13: the Kaggle column-by-column summary of a frame (`resumetable(df)`: dtypes, missing counts, distinct
// counts, first values) describes the data: data_exploration, though its columns are written like features.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a column-by-column summary table of a frame is data exploration', () => {
  assertPhases('summary.py', [
    'import pandas as pd',
    'df = pd.read_csv("train.csv")',
    ['summary = pd.DataFrame(df.dtypes, columns=["dtypes"])', ['data_exploration'], 'the table of types'],
    ['summary["missing"] = df.isnull().sum().values', ['data_exploration'], 'missing counts'],
    ['summary["uniques"] = df.nunique().values', ['data_exploration'], 'distinct counts'],
    ['summary["first"] = df.iloc[0].values', ['data_exploration'], 'a sample row'],
    'summary',
    ['df["ratio"] = df["a"] / df["b"]', ['feature_engineering'], 'a feature of the data itself'],
    'print(df.head())',
  ]);
});
