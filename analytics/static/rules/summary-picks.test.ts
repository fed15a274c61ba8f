// Issue 13: the columns picked from a summary by a condition (drop_cols = missing[missing > 0.6].index.tolist() + ['id'])
// are for what reads them: dropped, they are part of the cleaning (rules/clean-inputs.ts pickedFromSummary); only shown,
// they stay a look at the data; the summary shown before the pick stays a look too.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('columns picked from a summary of missing values and then dropped are data_cleaning', () => {
  assertPhases('drop_missing.py', [
    'import pandas as pd',
    'df = pd.read_csv("loans.csv")',
    ['missing = df.isnull().mean().sort_values(ascending=False)', ['data_exploration']],
    'missing.head(20)',
    ['drop_cols = missing[missing > 0.6].index.tolist() + ["id", "url"]', ['data_cleaning'], 'the columns to drop'],
    ['df = df.drop(columns=drop_cols)', ['data_cleaning']],
  ]);
});

test('a summary shown, then the columns to drop picked from it: the summary stays exploration', () => {
  assertPhases('too_empty.py', [
    'import pandas as pd',
    'runners = pd.read_csv("marathon.csv")',
    ['missing = runners.isnull().sum()', ['data_exploration'], 'shown below before the pick'],
    'missing[missing > 0].sort_values(ascending=False)',
    ['too_empty = missing[missing > 0.5 * len(runners)].index', ['data_cleaning']],
    'runners = runners.drop(columns=too_empty)',
  ]);
});

test('entries picked from a summary and only shown stay data_exploration', () => {
  assertPhases('shown_pick.py', [
    'import pandas as pd',
    'df = pd.read_csv("loans.csv")',
    'counts = df["city"].value_counts()',
    ['rare = counts[counts < 10].index', ['data_exploration']],
    'print(len(rare), "rare cities")',
  ]);
});
