// Issue 13: columns picked side by side with pd.concat only to be drawn (the classic house-prices exploration's
// data = pd.concat([df_train['SalePrice'], df_train[var]], axis=1); data.plot.scatter(...)) are part of the figure.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const HEAD = [
  'import pandas as pd',
  'import seaborn as sns',
  "df_train = pd.read_csv('train.csv')",
  "test = pd.read_csv('test.csv')",
];

test('a concat of picked columns read only by plots is visualization', () => {
  assertPhases('concat_scatter.py', [
    ...HEAD,
    "var = 'GrLivArea'",
    ["data = pd.concat([df_train['SalePrice'], df_train[var]], axis=1)", ['visualization']],
    "data.plot.scatter(x=var, y='SalePrice', ylim=(0, 800000))",
    "var = 'OverallQual'",
    ["data = pd.concat([df_train['SalePrice'], df_train[var]], axis=1)", ['visualization']],
    "sns.boxplot(x=var, y='SalePrice', data=data)",
  ]);
});

test('a concat of whole frames, or of picks used otherwise, keeps its phase', () => {
  assertPhases('concat_data.py', [
    ...HEAD,
    ['both = pd.concat([df_train, test], axis=0)', { not: ['visualization'] }],
    'both.plot.scatter(x="GrLivArea", y="SalePrice")',
    ["pair = pd.concat([df_train['SalePrice'], df_train['GrLivArea']], axis=1)", { not: ['visualization'] }],
    'pair.plot.scatter(x="GrLivArea", y="SalePrice")',
    "clean = pair.dropna()",
  ]);
});
