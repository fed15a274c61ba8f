// rules/plot-only.ts: the per-round scores a booster logged (evals = model.evals_result()) picked out only to draw the
// learning curves belong to the figure: visualization, like loss = history.history['loss'] (corpus README). Read for
// anything else (the best round's score printed) they stay model_evaluation.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a booster\'s evals_result() only drawn is visualization; printed, evaluation', () => {
  assertPhases('xgb_curves.py', [
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    'from xgboost import XGBRegressor',
    'df = pd.read_csv("train.csv")',
    'X_tr, y_tr, X_va, y_va = df[["a"]][:800], df["y"][:800], df[["a"]][800:], df["y"][800:]',
    'xgb = XGBRegressor(n_estimators=500, early_stopping_rounds=50, eval_metric="rmse")',
    'xgb.fit(X_tr, y_tr, eval_set=[(X_tr, y_tr), (X_va, y_va)], verbose=100)',
    ['evals = xgb.evals_result()', ['visualization']],
    'plt.plot(evals["validation_0"]["rmse"], label="train")',
    'plt.plot(evals["validation_1"]["rmse"], label="valid")',
    ['results = xgb.evals_result()', ['model_evaluation']],
    ['print(min(results["validation_1"]["rmse"]))', ['model_evaluation']],
  ]);
});
