// Hypothesis tests on the data are data_exploration (corpus convention: stats.ttest_ind, chi2_contingency, f_oneway),
// also when statsmodels provides them (statsmodels.stats.multicomp / proportion / weightstats); the other
// statsmodels.stats functions (diagnostics of a fitted model's residuals) stay model_evaluation.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('statsmodels hypothesis tests on groups of the data are data_exploration', () => {
  assertPhases('ab_test.py', [
    'import pandas as pd',
    'from statsmodels.stats.multicomp import pairwise_tukeyhsd',
    'from statsmodels.stats.proportion import proportions_ztest',
    'from statsmodels.stats.weightstats import ztest',
    'df = pd.read_csv("ab.csv")',
    ['tukey = pairwise_tukeyhsd(endog=df["y"], groups=df["g"], alpha=0.05)', ['data_exploration'], 'was model_evaluation'],
    ['print(tukey.summary())', ['data_exploration'], 'was model_evaluation'],
    ['z, p = proportions_ztest([120, 140], [1000, 1000])', ['data_exploration'], 'was model_evaluation'],
    ['r = ztest(df["a"], df["b"])', ['data_exploration'], 'was model_evaluation'],
  ]);
});

test('statsmodels diagnostics of a fitted model stay model_evaluation', () => {
  assertPhases('ols_diag.py', [
    'import pandas as pd',
    'import statsmodels.api as sm',
    'from statsmodels.stats.diagnostic import het_breuschpagan',
    'df = pd.read_csv("d.csv")',
    'ols = sm.OLS(df["y"], sm.add_constant(df[["x"]])).fit()',
    ['bp = het_breuschpagan(ols.resid, ols.model.exog)', ['model_evaluation']],
  ]);
});
