// Issue 13: distinct values looked at are exploration; kept in a name they are for something (rules/distinct-values.ts).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('distinct values numbered into an index map are an encoding, shown they are exploration', () => {
  assertPhases('index_map.py', [
    'import numpy as np',
    'import pandas as pd',
    'ratings = pd.read_csv("ratings.csv")',
    ['ratings["user_id"].unique()', ['data_exploration']],
    ['print(ratings["user_id"].nunique(), np.unique(ratings["item_id"]))', ['data_exploration']],
    ['user_index = {u: i for i, u in enumerate(ratings["user_id"].unique())}', ['feature_engineering']],
    ['classes = sorted(ratings["genre"].unique())', { not: ['data_exploration'] }],
  ]);
});

test('data rebound to its own distinct rows drops duplicates', () => {
  assertPhases('dedup.py', [
    'import numpy as np',
    'data = np.loadtxt("wine.csv", delimiter=",")',
    ['data = np.unique(data, axis=0)', ['data_cleaning']],
  ]);
});
