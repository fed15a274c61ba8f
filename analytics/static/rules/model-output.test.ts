// Issue 13 (weak phases): columns holding a model's predictions are prediction; losses computed without gradients evaluate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases, phasesAt } from '../../../test/support/phases-at.js';

test('a column assigned predictions is prediction, not a derived feature', () => {
  assertPhases('score.py', [
    'import joblib',
    'import pandas as pd',
    'model = joblib.load("m.joblib")',
    'new = pd.read_csv("new.csv")',
    'proba = model.predict_proba(new[["a", "b"]])[:, 1]',
    ['new["churn_probability"] = proba', ['prediction']],
    ['new["ratio"] = new["a"] / new["b"]', ['feature_engineering']],
  ]);
});

test('inside torch.no_grad() a loss measures the model: evaluation, not training', () => {
  const a = assertPhases('ev.py', [
    'import torch',
    'import torch.nn as nn',
    'net = nn.Sequential(nn.Linear(4, 1))',
    'criterion = nn.MSELoss()',
    'total = 0.0',
    'with torch.no_grad():', // 6
    '    for xb, yb in test_loader:',
    '        total += criterion(net(xb), yb).item()',
  ]);
  const ph = phasesAt(a, 6);
  assert.ok(ph.includes('model_evaluation'), ph.join());
  assert.ok(!ph.includes('model_training'), ph.join());
});

test('predictions set against the true values of a held-out slice are an error: evaluation, and so are its summaries', () => {
  assertPhases('forecast.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.ensemble import RandomForestRegressor',
    "series = pd.read_csv('load.csv')",
    'train, test = series[:100], series[100:]',
    "rf = RandomForestRegressor().fit(train[['lag1']], train['load'])",
    "forecast = pd.Series(rf.predict(test[['lag1']]), index=test.index)",
    ["residuals = test['load'] - forecast", ['model_evaluation']],
    ['print(residuals.describe())', ['model_evaluation']],
    ["rmse = np.sqrt(np.mean((test['load'].values - forecast) ** 2))", ['model_evaluation']],
    ['print("test RMSE", rmse)', ['model_evaluation']],
    ["hits = (forecast.round() == test['load']).mean()", ['model_evaluation']],
  ]);
});

test('an activation applied to a model\'s outputs outside a training loop is prediction', () => {
  assertPhases('keras_softmax.py', [
    'import numpy as np',
    'import tensorflow as tf',
    'from tensorflow import keras',
    'X = np.load("x.npy")',
    'y = np.load("y.npy")',
    'model = keras.Sequential([keras.layers.Dense(3)])',
    'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")',
    ['model.fit(X, y, epochs=5)', ['model_training']],
    'X_new = np.load("x_new.npy")',
    ['probs = tf.nn.softmax(model(X_new)).numpy()', ['prediction'], 'was model_training (tf.nn.softmax builds layers)'],
    ['top = probs.argmax(axis=1)', ['prediction']],
  ]);
});
