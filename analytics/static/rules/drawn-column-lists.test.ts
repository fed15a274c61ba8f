// Issue 13: a group summary of a list of columns (world = df.groupby('Date')[['ConfirmedCases', 'Fatalities']].sum())
// bound to a name whose every later use draws is picked out only to be drawn (rules/plot-only.ts), as the summary of
// one column already was; a summary also used otherwise stays exploration.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a group summary of a list of columns, only drawn, is visualization', () => {
  assertPhases('drawn_column_lists.py', [
    'import pandas as pd',
    'df = pd.read_csv("covid.csv")',
    ["world = df.groupby('Date')[['ConfirmedCases', 'Fatalities']].sum()", ['visualization']],
    "world.plot(logy=True, figsize=(12, 5), title='worldwide, log scale')",
    ["by_country = df.groupby('Country')[['ConfirmedCases', 'Fatalities']].max()", ['data_exploration'], 'also shown as a table'],
    'print(by_country.sort_values("ConfirmedCases").tail(10))',
    'by_country.plot.bar()',
  ]);
});
