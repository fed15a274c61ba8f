// Issue 13: statistics a loop body computes only to clean or make features with (outlier bounds per column, the mean
// and std a column is clipped with) are part of that cleaning, not exploration of the data (rules/block-statistics.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../index.js';
import { assertPhases } from '../../../test/support/phases-at.js';

test('an outlier loop whose quartiles feed the row filter is data_cleaning alone', () => {
  assertPhases('outliers.py', [
    'import pandas as pd',
    'df = pd.read_csv("houses.csv")',
    ['for c in ["area", "price"]:', ['data_cleaning'], 'the quartiles serve the filter: no data_exploration'],
    '    q1 = df[c].quantile(0.25)',
    '    q3 = df[c].quantile(0.75)',
    '    iqr = q3 - q1',
    '    df = df[(df[c] >= q1 - 1.5 * iqr) & (df[c] <= q3 + 1.5 * iqr)]',
  ]);
});

test('a loop that only prints statistics stays data_exploration', () => {
  const a = analyzeSource(['import pandas as pd', 'df = pd.read_csv("houses.csv")', 'for c in ["area", "price"]:', '    q1 = df[c].quantile(0.25)', '    print(c, q1)'].join('\n'), 's.py');
  const loop = a.statements.find((s) => s.start_line === 3)!;
  assert.ok(loop.phases.includes('data_exploration'), `for loop: ${loop.phases}`);
});

