// Issue 13: a literal list of column names is feature_engineering (corpus README) whatever it is called: var_mod,
// IDcol, zero_as_missing hold strings already met as columns of the data; a list of values (labels, countries) stays other.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';
import { namesColumns } from './shapes.js';
import type { Expr } from '../ir.js';
import assert from 'node:assert/strict';

test('a literal list of strings met before as columns of the data is a selection of columns; other lists stay constants', () => {
  assertPhases('bigmart.py', [
    'import pandas as pd',
    'data = pd.read_csv("train.csv")',
    'data["Outlet_Size"] = data["Outlet_Size"].fillna("Medium")',
    'data["Item_Fat_Content"] = data["Item_Fat_Content"].replace({"LF": "Low Fat"})',
    'data["Outlet"] = data["Outlet_Identifier"].astype("category").cat.codes',
    'avg = data.pivot_table(values="Item_Weight", index="Item_Identifier")',
    ['var_mod = ["Item_Fat_Content", "Outlet_Size", "Outlet", "Outlet_Type"]', ['feature_engineering'], 'three of four met as columns'],
    ['IDcol = ["Outlet_Identifier", "Item_Identifier"]', ['feature_engineering']],
    ['regions = ["north", "south", "east"]', ['other'], 'values, never columns'],
    'print(data[var_mod].head(), data[IDcol].nunique(), regions)',
  ]);
});

test('namesColumns needs half of at least two strings among the columns met', () => {
  const list = (...xs: string[]): Expr => ({ k: 'seq', items: xs.map((v): Expr => ({ k: 'str', v, parts: [] })) });
  const seen = new Set(['a', 'b']);
  assert.equal(namesColumns(list('a', 'c'), seen), true);
  assert.equal(namesColumns(list('a', 'c', 'd'), seen), false);
  assert.equal(namesColumns(list('a'), seen), false);
});
