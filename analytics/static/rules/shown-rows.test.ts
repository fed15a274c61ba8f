// Issue 13: rows picked by a condition into a new name and then only shown (printed, counted) are a look at the data
// (outlier inspection: outliers = df[df.x > q3 + 1.5 * iqr]; print(len(outliers))), and so are the bounds made for
// the pick; a pick later dropped from the data, or read by nothing, stays cleaning (rules/used-for.ts).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('outliers picked into a new name and only counted are data_exploration, with the bounds made for them', () => {
  assertPhases('outliers.py', [
    'import pandas as pd',
    'df = pd.read_csv("vgsales.csv")',
    'q1, q3 = df["Global_Sales"].quantile([0.25, 0.75])',
    ['iqr = q3 - q1', ['data_exploration']],
    ['outliers = df[df["Global_Sales"] > q3 + 1.5 * iqr]', ['data_exploration'], 'only counted below'],
    'print(f"{len(outliers)} games are outliers")',
    ['weird = df[df["Year"] > 2020]', ['data_exploration']],
    'len(weird)',
  ]);
});

test('rows shown and then removed from the data, or read by nothing, stay data_cleaning', () => {
  assertPhases('outliers_removed.py', [
    'import pandas as pd',
    'df = pd.read_csv("houses.csv")',
    ['big = df[df["GrLivArea"] > 4000]', ['data_cleaning'], 'dropped from the data after the look'],
    'print(len(big))',
    'df = df.drop(big.index)',
    ['adults = df[df["age"] > 17]', ['data_cleaning'], 'read by nothing'],
  ]);
});
