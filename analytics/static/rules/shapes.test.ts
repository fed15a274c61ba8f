import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../index.js';
import { phasesAt } from '../../../test/support/phases-at.js';


test('a window-making helper is feature engineering at its definition and at its call sites', () => {
  const src = [
    'import numpy as np',
    'import pandas as pd',
    'df = pd.read_csv("s.csv")',
    'def create_dataset(data, look_back=60):',
    '    X, Y = [], []',
    '    for i in range(len(data) - look_back):',
    '        X.append(data[i:i + look_back, 0])',
    '        Y.append(data[i + look_back, 0])',
    '    return np.array(X), np.array(Y)',
    'values = df[["v"]].values',
    'trainX, trainY = create_dataset(values)',
  ].join('\n');
  const a = analyzeSource(src, 'w.py');
  assert.deepEqual(phasesAt(a, 4), ['feature_engineering']);
  assert.deepEqual(phasesAt(a, 11), ['feature_engineering']);
});

test('the cut point of an ordered split is data splitting', () => {
  const src = ['import pandas as pd', 'df = pd.read_csv("s.csv")', 'split = int(0.8 * len(df))', 'n_train = int(len(df) * 0.75)'].join('\n');
  const a = analyzeSource(src, 's.py');
  assert.deepEqual(phasesAt(a, 3), ['data_splitting']);
  assert.deepEqual(phasesAt(a, 4), ['data_splitting']);
});

test('lists of column names are feature selection; other literals stay other', () => {
  const src = [
    'import pandas as pd',
    'df = pd.read_csv("s.csv")',
    "num_cols = ['age', 'fare']",
    "picked = ['sex', 'pclass']",
    'X = df[picked]',
    "title = 'Survival'",
  ].join('\n');
  const a = analyzeSource(src, 'c.py');
  assert.deepEqual(phasesAt(a, 3), ['feature_engineering']);
  assert.deepEqual(phasesAt(a, 4), ['feature_engineering']);
  assert.deepEqual(phasesAt(a, 6), ['other']);
});

test('accumulators take the phase of the loop that fills them', () => {
  const src = [
    'import torch',
    'from torch import nn',
    'model = nn.Linear(3, 1)',
    'opt = torch.optim.SGD(model.parameters(), lr=0.1)',
    'losses = []',
    'for epoch in range(5):',
    '    opt.zero_grad()',
    '    loss = nn.MSELoss()(model(torch.ones(4, 3)), torch.zeros(4, 1))',
    '    loss.backward()',
    '    opt.step()',
    '    losses.append(loss.item())',
  ].join('\n');
  assert.deepEqual(phasesAt(analyzeSource(src, 'a.py'), 5), ['model_training']);
});

test('a summary grouped by a column of model output evaluates the model (cluster profiles)', () => {
  const src = [
    'import pandas as pd',
    'from sklearn.cluster import KMeans',
    'df = pd.read_csv("c.csv")',
    'km = KMeans(n_clusters=4)',
    "df['cluster'] = km.fit_predict(df[['a', 'b']])",
    "df.groupby('cluster').mean()",
    "df.groupby('region').mean()",
  ].join('\n');
  const a = analyzeSource(src, 'k.py');
  assert.deepEqual(phasesAt(a, 6), ['model_evaluation']);
  assert.deepEqual(phasesAt(a, 7), ['data_exploration']);
});

test('native boosting data containers belong to training; inverse scaling keeps the role of its input', () => {
  const src = [
    'import xgboost as xgb',
    'import lightgbm as lgb',
    'from sklearn.preprocessing import MinMaxScaler',
    'dtrain = xgb.DMatrix(X_train, label=y_train)',
    'train_set = lgb.Dataset(X_train, y_train)',
    'booster = xgb.train({}, dtrain)',
    'scaler = MinMaxScaler()',
    'pred = scaler.inverse_transform(booster.predict(dtrain))',
  ].join('\n');
  const a = analyzeSource(src, 'b.py');
  assert.deepEqual(phasesAt(a, 4), ['model_training']);
  assert.deepEqual(phasesAt(a, 5), ['model_training']);
  assert.deepEqual(phasesAt(a, 8), ['prediction']);
});

test('lists of column names joined (cat_cols + [...]) are a selection of columns: feature engineering', () => {
  const a = analyzeSource(['cat_cols = ["airline", "origin"]', 'features = cat_cols + ["month", "distance"]'].join('\n'), 'cols.py');
  assert.deepEqual(phasesAt(a, 2), ['feature_engineering']);
});

test('a feature matrix selected and filled (X = df[cols].fillna(0)) is feature selection and cleaning', () => {
  const a = analyzeSource(['import pandas as pd', 'df = pd.read_csv("c.csv")', 'X = df[["tenure", "charges"]].fillna(0)'].join('\n'), 'fill.py');
  assert.deepEqual([...phasesAt(a, 3)].sort(), ['data_cleaning', 'feature_engineering']);
});
