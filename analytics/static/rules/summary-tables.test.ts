// Issue 13 ("Start here" kernels' missing-value tables): a frame made of summaries of the data (counts of a sentinel,
// their percentage, percent.round(2) among its values) and its rows filtered or re-sorted are a look at the data:
// data_exploration, in a helper as at top level; the same filter on the data set itself stays data_cleaning.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a missing-value table filtered and sorted is data exploration', () => {
  assertPhases('missing_table.py', [
    'import pandas as pd',
    "df = pd.read_csv('train.csv')",
    ['counts = (df == -1).sum()', ['data_exploration']],
    ['percent = 100 * counts / len(df)', ['data_exploration']],
    ["table = pd.DataFrame({'missing': counts, 'percent': percent.round(2)})", ['data_exploration']],
    ["table = table[table['missing'] > 0].sort_values('percent', ascending=False)", ['data_exploration'], 'entries of a summary selected and ordered'],
    'table',
    ['def missing_table(frame, sentinel=-1):', ['data_exploration']],
    '    n = (frame == sentinel).sum()',
    "    out = pd.DataFrame({'missing': n, 'percent': (100 * n / len(frame)).round(2)})",
    "    out = out[out['missing'] > 0].sort_values('percent', ascending=False)",
    "    print('{} columns have missing values'.format(len(out)))",
    '    return out',
    ['missing_table(df)', ['data_exploration']],
    ["df = df[df['age'] > 0].sort_values('age')", ['data_cleaning'], 'rows of the data set itself'],
  ]);
});

test('summaries joined side by side (pd.concat of total and percent) and filtered are data exploration', () => {
  assertPhases('missing_concat.py', [
    'import pandas as pd',
    "df = pd.read_csv('train.csv')",
    ['total = df.isnull().sum()', ['data_exploration']],
    ['pct = total / len(df)', ['data_exploration'], 'a summary divided by a size, not a feature'],
    ["missing_data = pd.concat([total, pct], axis=1, keys=['Total', 'Percent'])", ['data_exploration']],
    ["missing_data = missing_data[missing_data['Total'] > 0]", ['data_exploration']],
    'missing_data',
  ]);
});
