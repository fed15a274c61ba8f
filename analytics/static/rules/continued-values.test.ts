// Issue 13: a value computed by an unrecognised call from data that was loaded, looked at or split does not continue
// loading, exploring or splitting: its "continues <phase>" guess is provisional (labeller/assign.ts) and the first
// reader with a phase of work decides (rules/used-for.ts). Values continuing cleaning or feature engineering, and a
// name rebound from itself, keep their origin; a drawing reader does not decide for a continued value.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('values computed from loaded or split data take the phase of their reader', () => {
  assertPhases('continued.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.model_selection import train_test_split',
    'from sklearn.linear_model import LinearRegression',
    'from sklearn.metrics import mean_absolute_error',
    "data = np.loadtxt('iris.csv', delimiter=',')",
    ['mu = data.mean(axis=0)', ['feature_engineering'], 'statistics for standardising are features, not loading'],
    'Z = (data - mu) / 2.0',
    "df = pd.read_csv('houses.csv')",
    "X_train, X_test, y_train, y_test = train_test_split(df[['a', 'b']], df['price'])",
    'model = LinearRegression().fit(X_train, y_train)',
    'price_pred = np.exp(model.predict(X_test))',
    ['price_true = np.exp(y_test)', ['model_evaluation'], 'the truth scored is evaluation, not the split'],
    'print(mean_absolute_error(price_true, price_pred))',
  ]);
});

test('values continuing feature engineering, rebound from themselves, or drawn keep their origin', () => {
  assertPhases('kept.py', [
    'import numpy as np',
    'import pandas as pd',
    'import seaborn as sns',
    'from keras.models import Sequential',
    "df = pd.read_csv('houses.csv')",
    'corr = df.corr()',
    ['mask = np.triu(np.ones_like(corr, dtype=bool))', ['data_exploration']],
    'sns.heatmap(corr, mask=mask)',
    "trainX = df[['a', 'b']].values / 10.0",
    ['trainX = np.reshape(trainX, (trainX.shape[0], trainX.shape[1], 1))', ['feature_engineering']],
    'model = Sequential()',
    'model.predict(trainX)',
  ]);
});
