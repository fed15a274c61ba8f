// Issue 13: a measure parsed out of its text into the same column or one named after it is a dtype fix
// (rules/parsed-measures.ts); a number extracted into a new quantity stays a derived feature.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a number parsed from a column with its unit is cleaning, a new quantity extracted is a feature', () => {
  assertPhases('units.py', [
    'import pandas as pd',
    'df = pd.read_csv("phones.csv")',
    ['df["ram_gb"] = df["ram"].str.extract(r"(\\d+)\\s*GB", expand=False).astype(float)', ['data_cleaning']],
    ['df["weight"] = df["weight"].str.extract(r"([\\d.]+)", expand=False).astype(float)', ['data_cleaning']],
    ['df["vintage"] = df["title"].str.extract(r"(19\\d\\d|20\\d\\d)", expand=False).astype(float)', ['feature_engineering']],
  ]);
});
