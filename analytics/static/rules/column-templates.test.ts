// labeller/assign.ts joinsColumnLists, rules/shapes.ts isNameTemplateComp: a list of column names joined with the
// names a template makes (features = ['day'] + [f'lag_{l}' for l in LAGS], after a loop made those lag columns) is
// a selection of columns: feature_engineering (corpus README: a list of column names), it was no recognised operation.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('column names joined with template-made names select features', () => {
  assertPhases('lag_features.py', [
    'import pandas as pd',
    'df = pd.read_csv("sales.csv")',
    'for lag in [1, 2, 7]:',
    '    df[f"lag_{lag}"] = df["y"].shift(lag)',
    'df["day"] = df.index % 7',
    ['features = ["day"] + [f"lag_{l}" for l in [1, 2, 7]]', ['feature_engineering']],
    'data = df.dropna(subset=features)',
  ]);
});
