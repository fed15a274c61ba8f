// labeller/names.ts SPLIT_NAME_RE: the short names Kaggle kernels give the sides of a split (tr / va, trn / tst,
// X_va, y_va) name parts of a split like train / valid do: a frame cut by a date into tr, va is data_splitting (was
// feature_engineering, from the features later selected out of them).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a frame cut at a date into tr, va is a split', () => {
  assertPhases('date_split.py', [
    'import pandas as pd',
    'data = pd.read_csv("train.csv", parse_dates=["Date"])',
    'data["lag_1"] = data.groupby("Key")["y"].shift(1)',
    ['tr, va = data[data.Date <= "2020-04-01"], data[data.Date > "2020-04-01"]', ['data_splitting']],
    ['trn = data[data.Date < "2020-03-01"]', ['data_splitting']],
    'X_tr, y_tr, X_va, y_va = tr[["lag_1"]], tr["y"], va[["lag_1"]], va["y"]',
  ]);
});
