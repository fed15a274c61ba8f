// Issue 13: tutorial kernels keep a row mask in a name like x (`x = data['Defense'] > 200`, then `data[x]`): a filter
// looked at, not the model's features; a target made by a comparison (`y = df['quality'] > 6`) stays a target.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a column condition kept in x and used to filter rows is no feature matrix', () => {
  assertPhases('named_masks.py', [
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    'data = pd.read_csv("pokemon.csv")',
    ["x = data['Defense'] > 200", ['data_exploration']],
    ['data[x]', ['data_exploration']],
    ["y = data['Legendary'] == True", ['feature_engineering']],
    "X = data[['Attack', 'Defense']]",
    'LogisticRegression().fit(X, y)',
  ]);
});
