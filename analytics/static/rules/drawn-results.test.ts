// Issue 13 (results picked out to be drawn): a model's attribute or the first rows of results taken only for the
// figure the statement draws (pd.Series(rf.feature_importances_, X.columns).nlargest(10).plot(kind='barh'),
// fitted.resid.plot()) are part of the figure: visualization, like a training log picked to be drawn; so is a table
// of a model's attribute (imp = pd.Series(rf.feature_importances_, index=X.columns)) whose every use draws.
// Attributes looked at (printed) keep model_evaluation.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const PRELUDE = [
  'import pandas as pd',
    'from statsmodels.tsa.arima.model import ARIMA',
  'from sklearn.ensemble import RandomForestRegressor',
    'df = pd.read_csv("a.csv")',
  'X = df.drop(columns="y")',
  'y = df["y"]',
  'rf = RandomForestRegressor().fit(X, y)',
];

test("a model's attribute and results picked out to be drawn are the figure's", () => {
  assertPhases('drawn.py', [
    ...PRELUDE,
    'fitted = ARIMA(y, order=(1, 1, 1)).fit()',
    ['fitted.resid.plot(title="residuals")', ['visualization']],
    ['pd.Series(rf.feature_importances_, X.columns).sort_values(ascending=False).head(10).plot(kind="barh")', ['visualization']],
    ['imp = pd.Series(rf.feature_importances_, index=X.columns)', ['visualization']],
    ['imp.sort_values().plot(kind="barh")', ['visualization']],
  ]);
});

test('attributes looked at stay evaluation', () => {
  assertPhases('scored.py', [
    ...PRELUDE,
    ['coefs = pd.Series(rf.feature_importances_, index=X.columns)', ['model_evaluation']],
    ['print(coefs.sort_values(ascending=False).head(10))', ['model_evaluation']],
  ]);
});
