// Issue 13 (splits written as complementary masks): `msk = np.random.rand(len(df)) < 0.8` is the split, and the
// rows it and its complement select (`df[msk]`, `df[~msk]`, `df.loc[~msk]`) are its two sides, whatever their names;
// a mask from a condition on the data (`df[df.age > 0]`) stays a filter.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a random row mask and its complement split the data', () => {
  assertPhases('msk.py', [
    'import numpy as np',
    'import pandas as pd',
    'df = pd.read_csv("loans.csv")',
    ['msk = np.random.rand(len(df)) < 0.8', ['data_splitting']],
    ['train = df[msk]', ['data_splitting']],
    ['test = df[~msk]', ['data_splitting']],
    'rng = np.random.default_rng(0)',
    ['keep = rng.random(len(df)) <= 0.75', ['data_splitting']],
    ['fit_rows = df.loc[keep]', ['data_splitting']],
    ['held = df.loc[~keep]', ['data_splitting']],
    ['adults = df[df["age"] > 17]', ['data_cleaning']],
  ]);
});
