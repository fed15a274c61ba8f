// Issue 13: Python-basics cells of tutorial kernels compute with numbers bound to names such as x and y
// (`def add(): x = 2; y = 3; return x + y`, then `print(add())`): no data is looked at, the cells are other.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('numbers bound to names like x and y are not data: their sums shown are other', () => {
  assertPhases('scalar_literals.py', [
    'import pandas as pd',
    'data = pd.read_csv("pokemon.csv")',
    ['def add():', ['other']],
    '    x = 2',
    '    y = 3',
    '    return x + y',
    ['print(add())', ['other']],
    ['print(data["Speed"].mean())', ['data_exploration']],
  ]);
});

test('arithmetic of role-less values bound to y is no label: a default-arguments demo is other', () => {
  assertPhases('default_args.py', [
    'import pandas as pd',
    'data = pd.read_csv("pokemon.csv")',
    ['def f(a, b=1, c=2):', ['other']],
    '    y = a + b + c',
    '    return y',
    ['print(f(5))', ['other']],
    ['print(f(5, 4, 3))', ['other']],
    "y = data['Legendary'] + 0",
    ['print(y.mean())', ['data_exploration']],
  ]);
});
