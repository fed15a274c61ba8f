// Issue 13: a cross-tabulation of picked columns bound to a name whose every later use draws is picked out only to be
// drawn (rules/plot-only.ts), like the group summaries it stands for; shown as a table it stays exploration.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a crosstab only drawn is visualization, a crosstab shown is exploration', () => {
  assertPhases('drawn_crosstabs.py', [
    'import pandas as pd',
    'train = pd.read_csv("loans.csv")',
    ["Married = pd.crosstab(train['Married'], train['Loan_Status'])", ['visualization']],
    "Married.div(Married.sum(1).astype(float), axis=0).plot(kind='bar', stacked=True, figsize=(4, 4))",
    ["sev = pd.crosstab(train['Gender'], train['Loan_Status'], normalize='index')", ['data_exploration']],
    'print(sev)',
  ]);
});
