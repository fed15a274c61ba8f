// Issue 13: values written where a mask kept in a name holds (miss = df['Item_Weight'].isnull(), zero = df['v'] == 0,
// then df.loc[miss, 'Item_Weight'] = ...) replace the values of an existing column: imputation, data_cleaning, not a
// new column derived (feature_engineering); the table the fill reads is a cleaning input too.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a fill through a named missing-value or comparison mask is cleaning', () => {
  assertPhases('impute.py', [
    'import pandas as pd',
    'data = pd.read_csv("train.csv")',
    ["avg_weight = data.pivot_table(values='Item_Weight', index='Item_Identifier')", ['data_cleaning'], 'read only by the fill'],
    "miss = data['Item_Weight'].isnull()",
    ["data.loc[miss, 'Item_Weight'] = data.loc[miss, 'Item_Identifier'].apply(lambda x: avg_weight.loc[x])", ['data_cleaning']],
    "zero_vis = data['Item_Visibility'] == 0",
    ["data.loc[zero_vis, 'Item_Visibility'] = data['Item_Visibility'].mean()", ['data_cleaning']],
    ["data['Visibility_Ratio'] = data['Item_Visibility'] / data['Item_Weight']", ['feature_engineering'], 'a new column stays a feature'],
  ]);
});
