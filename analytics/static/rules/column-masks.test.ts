// Issue 13: a boolean mask in the column position of an indexer (`data.loc[:, data.columns != 'class']`) picks the
// feature columns, it filters no rows: the features/target selection is feature_engineering, not data_cleaning.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a mask over the columns in the second index position selects features, it does not filter rows', () => {
  assertPhases('column_masks.py', [
    'import pandas as pd',
    'from sklearn.neighbors import KNeighborsClassifier',
    'data = pd.read_csv("column_2C_weka.csv")',
    ["x, y = data.loc[:, data.columns != 'class'], data.loc[:, 'class']", ['feature_engineering']],
    ["features = data.loc[:, (data.columns != 'class') & (data.columns != 'id')]", ['feature_engineering']],
    ["abnormal = data[data['class'] == 'Abnormal']", { not: ['feature_engineering'] }],
    'knn = KNeighborsClassifier(n_neighbors=3)',
    'knn.fit(x, y)',
    'knn.fit(features, y)',
  ]);
});

test('a mask over column values in the column position still drops columns: cleaning', () => {
  assertPhases('column_value_masks.py', [
    'import pandas as pd',
    'df = pd.read_csv("survey.csv")',
    ['df = df.loc[:, df.isnull().mean() < 0.5]', ['data_cleaning']],
  ]);
});
