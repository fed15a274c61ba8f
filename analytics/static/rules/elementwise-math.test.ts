// Issue 13: NumPy's element-wise math (np.log1p, np.sqrt, np.exp, np.abs, ...) is arithmetic written as a call: applied to
// data it makes a transformed feature or target, like `df['x'] ** 0.5`; applied to predictions, scores or summaries it
// stays what its argument is (np.expm1(model.predict(X)) predicts, np.sqrt(mse) evaluates, np.abs(df.corr()) explores).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const HEAD = [
  'import numpy as np',
  'import pandas as pd',
  'import seaborn as sns',
  'from sklearn.linear_model import Lasso',
  'from sklearn.metrics import mean_squared_error',
  'from sklearn.model_selection import cross_val_score, train_test_split',
  'df = pd.read_csv("train.csv")',
  'num_cols = ["a", "b"]',
];

test('element-wise math on data columns is feature engineering, whatever name it is bound to', () => {
  assertPhases('ufuncs.py', [
    ...HEAD,
    ['data = np.sqrt(df[num_cols])', ['feature_engineering'], 'not the loading of df continued'],
    ['log_prices = np.log(df.price)', ['feature_engineering']],
    ['scaled = np.log1p(df[num_cols]) * 2', ['feature_engineering']],
    ['df = np.log1p(df)', ['feature_engineering'], 'the frame transformed from itself'],
    ['df["a"] = df["a"].apply(np.log1p)', ['feature_engineering'], 'a ufunc handed to apply rescales the column'],
    ['df["b"] = df["b"].map(np.sqrt)', ['feature_engineering']],
    ['df["c"] = np.abs(df["c"])', ['feature_engineering']],
  ]);
});

test('element-wise math keeps the phase of predictions, scores and summaries it is applied to', () => {
  assertPhases('ufunc-results.py', [
    ...HEAD,
    'X, y = df.drop(columns="SalePrice"), np.log1p(df["SalePrice"])',
    'X_train, X_test, y_train, y_test = train_test_split(X, y)',
    'model = Lasso().fit(X_train, y_train)',
    ['pred = np.expm1(model.predict(X_test))', ['prediction']],
    ['rmse = np.sqrt(mean_squared_error(y_test, model.predict(X_test)))', ['model_evaluation']],
    'scores = cross_val_score(model, X, y, cv=5, scoring="neg_mean_squared_error")',
    ['rmse_cv = np.sqrt(-scores)', ['model_evaluation']],
    ['top = np.abs(df.corr()["SalePrice"]).sort_values()', ['data_exploration']],
    ['print(np.log1p(df["SalePrice"]).skew())', ['data_exploration']],
    ['sns.histplot(np.log1p(df["SalePrice"]))', ['visualization']],
  ]);
});

test("pandas' arithmetic methods (div, sub, mul, pow, ...) are arithmetic on data like their operators", () => {
  assertPhases('methods.py', [
    ...HEAD,
    ['df["ratio"] = df["a"].truediv(df["b"]).fillna(0)', ['feature_engineering'], 'a new column, not a cleaning of the data'],
    ['norm = df.sub(df.mean()).div(df.std())', ['feature_engineering'], 'standardised, not a summary looked at'],
    ['df["peak"] = df["v"].cummax()', ['feature_engineering']],
    ['missing = df.isnull().sum().div(len(df)).mul(100)', ['data_exploration'], 'arithmetic on a summary stays a summary'],
    ['share = df["cat"].value_counts(normalize=True).mul(100).round(1)', ['data_exploration']],
  ]);
});
