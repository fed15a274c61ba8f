// Issue 13: `df.Fare = np.log1p(df.Fare)` writes the column `Fare` as `df['Fare'] = ...` does (pandas sets an existing
// column through its attribute): the same rules of column targets apply (a transformed or derived column is feature
// engineering, a filled one cleaning); attributes of a frame that are not columns (df.columns, df.index) keep theirs.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a column written through its attribute is labelled like a subscripted column', () => {
  assertPhases('attr-columns.py', [
    'import numpy as np',
    'import pandas as pd',
    'train = pd.read_csv("train.csv")',
    ['train.SalePrice = np.log1p(train.SalePrice)', ['feature_engineering']],
    ['train.Fare = np.log(train.Fare + 1)', ['feature_engineering']],
    ['train.Family = train.SibSp + train.Parch', ['feature_engineering']],
    ['train.Age = train.Age.fillna(train.Age.median())', ['data_cleaning']],
    ['train.Sex = train.Sex.map({"male": 0, "female": 1})', ['feature_engineering']],
    ['train.columns = [c.lower() for c in train.columns]', ['data_cleaning']],
  ]);
});

// Issue 13: a clusterer's output column read through its attribute (`pd.crosstab(data.cluster, data.region)`) is the
// model's output, as `data['cluster']` is: its summaries evaluate the model.
test("a model's output column read through its attribute is summarised as an evaluation", () => {
  assertPhases('attribute_pred_columns.py', [
    'import pandas as pd',
    'from sklearn.cluster import KMeans',
    'data = pd.read_csv("countries.csv")',
    "X = data[['gdp', 'literacy']]",
    'kmeans = KMeans(n_clusters=3)',
    "data['cluster'] = kmeans.fit_predict(X)",
    ['pd.crosstab(data.cluster, data.region)', ['model_evaluation']],
    ['pd.crosstab(data.region, data.climate)', ['data_exploration']],
  ]);
});
