// Issue 13 ("Start here" kernels): a plotting helper that also prints statistics of the data it draws
// (def kde_target(var_name, df): corr = ...; sns.kdeplot(...); print('correlation %0.4f' % corr)) looks at the data
// without a figure too: data_exploration besides visualization, for the def and its calls; a plotting helper that
// prints only its argument stays visualization.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a plotting helper printing statistics of the data explores it too', () => {
  assertPhases('kde_target.py', [
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    'import seaborn as sns',
    "app_train = pd.read_csv('application_train.csv')",
    ['def kde_target(var_name, df):', ['visualization', 'data_exploration']],
    "    corr = df['TARGET'].corr(df[var_name])",
    "    avg_repaid = df.loc[df['TARGET'] == 0, var_name].median()",
    '    plt.figure(figsize=(12, 6))',
    "    sns.kdeplot(df.loc[df['TARGET'] == 0, var_name], label='TARGET == 0')",
    "    sns.kdeplot(df.loc[df['TARGET'] == 1, var_name], label='TARGET == 1')",
    "    plt.xlabel(var_name); plt.ylabel('Density'); plt.title('%s Distribution' % var_name)",
    '    plt.legend()',
    "    print('The correlation between %s and the TARGET is %0.4f' % (var_name, corr))",
    "    print('Median value for loan that was repaid = %0.4f' % avg_repaid)",
    ["kde_target('EXT_SOURCE_3', app_train)", ['visualization', 'data_exploration']],
    ['def plot_by(col):', ['visualization']],
    '    print(col)',
    '    sns.countplot(x=col, data=app_train)',
    '    plt.show()',
    ["plot_by('NAME_CONTRACT_TYPE')", ['visualization']],
  ]);
});
