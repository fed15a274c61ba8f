// Issue 13: lambdas of a tutorial's Python-basics cells (`square = lambda x: x**2`, `y = map(lambda x: x**2, nums)`)
// compute with their own parameters, even when a name `x` was bound to data before: they are other, not derived data.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a lambda reading only its parameters is no derived data, whatever the parameters are called', () => {
  assertPhases('lambda_values.py', [
    'import pandas as pd',
    'data = pd.read_csv("pokemon.csv")',
    "x = data['Defense'] > 200",
    'data[x]',
    ['square = lambda x: x**2', ['other']],
    ['print(square(4))', ['other']],
    'number_list = [1, 2, 3]',
    ['y = map(lambda x: x**2, number_list)', ['other']],
    ["data['half_hp'] = data['HP'].apply(lambda n: n / 2)", ['feature_engineering']],
  ]);
});
