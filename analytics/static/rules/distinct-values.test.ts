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

test('distinct labels kept with their counts are a class count, whatever the names say', () => {
  assertPhases('class_counts.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.model_selection import train_test_split',
    'df = pd.read_csv("creditcard.csv")',
    'X, y = df.drop("Class", axis=1), df["Class"]',
    'X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)',
    ['train_unique_label, train_counts_label = np.unique(y_train, return_counts=True)', ['data_exploration']],
    'print(train_counts_label / len(y_train))',
    ['labels, counts = np.unique(y_test, return_counts=True)', ['data_exploration']],
  ]);
});
