// Issue 13 (predictions next to the truth): a pandas cross-table or group summary of labels and predictions, and a
// column a table of both is given from them (errors, hits), score the model: model_evaluation, not exploration or
// feature engineering. A column of predictions added to the features stays prediction.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('tables of labels and predictions are looked at and extended to score the model', () => {
  assertPhases('truth.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    'df = pd.read_csv("a.csv")',
    'X_train, X_test, y_train, y_test = df.drop(columns="y"), df.drop(columns="y"), df["y"], df["y"]',
    'model = LogisticRegression().fit(X_train, y_train)',
    'pred = model.predict(X_test)',
    ['pd.crosstab(y_test, pred, rownames=["true"], colnames=["pred"])', ['model_evaluation']],
    'errors = pd.DataFrame({"actual": y_test, "pred": pred})',
    ['errors["abs_err"] = (errors["actual"] - errors["pred"]).abs()', ['model_evaluation']],
    'per = pd.DataFrame({"true": y_test, "pred": pred})',
    ['per["correct"] = per["true"] == per["pred"]', ['model_evaluation']],
    ['X_test["predicted"] = pred', ['prediction']],
  ]);
});

test('a correlation or a statistical test of the truth against the predictions scores them; of two columns it explores', () => {
  assertPhases('pair-stats.py', [
    'import numpy as np',
    'import pandas as pd',
    'from scipy import stats',
    'from scipy.stats import spearmanr',
    'from sklearn.linear_model import Ridge',
    'df = pd.read_csv("a.csv")',
    'X_train, X_test, y_train, y_test = df.drop(columns="y"), df.drop(columns="y"), df["y"], df["y"]',
    'model = Ridge().fit(X_train, y_train)',
    'pred = model.predict(X_test)',
    ['r = np.corrcoef(y_test, pred)[0, 1]', ['model_evaluation']],
    ['print(stats.pearsonr(y_test, pred))', ['model_evaluation']],
    ['rho, p = spearmanr(y_test, pred)', ['model_evaluation']],
    ['c = np.corrcoef(df["a"], df["b"])', ['data_exploration']],
    ['print(stats.pearsonr(df["a"], df["b"]))', ['data_exploration']],
  ]);
});
