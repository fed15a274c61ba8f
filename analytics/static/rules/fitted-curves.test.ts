// rules/fitted-curves.ts: the function scipy.optimize.curve_fit fits is the model (its def model_training, was
// visualization from the plot that calls it); evaluating it with the fitted parameters predicts (was model_evaluation
// from the score that reads it); a minimiser's objective is training, calling it is no prediction.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('curve_fit: the fitted function is the model, its values at the fitted parameters are predictions', () => {
  assertPhases('logistic_growth.py', [
    'import numpy as np',
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    'from scipy.optimize import curve_fit',
    'from sklearn.metrics import r2_score',
    'df = pd.read_csv("cases.csv")',
    ['def logistic(t, K, r, t0):', ['model_training']],
    '    return K / (1 + np.exp(-r * (t - t0)))',
    't = np.arange(len(df))',
    'y = df["cases"].values',
    ['popt, pcov = curve_fit(logistic, t, y, p0=[y.max() * 2, 0.2, len(t) / 2], maxfev=10000)', ['model_training']],
    ['y_fit = logistic(t, *popt)', ['prediction']],
    ['print(r2_score(y, y_fit))', ['model_evaluation']],
    't_future = np.arange(len(t) + 30)',
    ['plt.plot(t_future, logistic(t_future, *popt))', ['visualization']],
  ]);
});

test('an objective handed to scipy.optimize.minimize is training, and so is the fit', () => {
  assertPhases('minimize_fit.py', [
    'import numpy as np',
    'import scipy.optimize as opt',
    'x = np.loadtxt("x.txt")',
    'y = np.loadtxt("y.txt")',
    ['def sse(params):', ['model_training']],
    '    a, b = params',
    '    return np.sum((y - (a * x + b)) ** 2)',
    ['res = opt.minimize(sse, x0=[1.0, 0.0])', ['model_training']],
  ]);
});
