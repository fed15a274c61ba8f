// Issue 13: a fillna / dropna closing a derivation (map, str.extract, diff) handles the gaps that derivation made:
// the statement makes a feature, it does not clean the data (labeller/call.ts, MISSING_METHODS).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('missing values made by the derivation before them complete the feature', () => {
  assertPhases('gaps.py', [
    'import pandas as pd',
    'df = pd.read_csv("pages.csv")',
    ['df["lang"] = df["Page"].str.extract(r"_([a-z]{2})\\.wiki")[0].fillna("other")', ['feature_engineering']],
    ['df["segment"] = df["cluster"].map({0: "lost", 1: "loyal"}).fillna("regular")', ['feature_engineering']],
    ['diffed = df["views"].diff().dropna()', ['feature_engineering']],
    ['df["age"] = df["age"].fillna(df["age"].median())', ['data_cleaning'], 'gaps of the data itself'],
  ]);
});
