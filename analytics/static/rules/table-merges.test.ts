// Issue 13: tables as loaded joined into one are put together (data_cleaning, as pd.concat); a table of features made
// from the data and merged back is feature engineering.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a merge of loaded tables is data_cleaning; merging back aggregated features stays feature_engineering', () => {
  assertPhases('merge.py', [
    'import pandas as pd',
    'sales = pd.read_csv("sales.csv")',
    'stores = pd.read_csv("stores.csv")',
    ['data = sales.merge(stores, on="Store", how="left")', ['data_cleaning'], 'was feature_engineering (the knowledge base)'],
    ['both = pd.merge(sales, stores.rename(columns={"id": "Store"}), on="Store")', ['data_cleaning']],
    'agg = data.groupby("Store")["Sales"].mean().rename("store_mean").reset_index()',
    ['data = data.merge(agg, on="Store", how="left")', ['feature_engineering']],
  ]);
});
