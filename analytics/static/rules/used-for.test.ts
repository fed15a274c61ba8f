// Issue 13: a value made by no recognised operation takes the phase of the first statement that reads it (rules/used-for.ts).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('an unrecognised value takes the phase of its first reader', () => {
  assertPhases('made-for.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.preprocessing import MinMaxScaler',
    "spots = pd.read_csv('spots.csv')",
    ["values = spots['sunspots'].values.reshape(-1, 1)", ['feature_engineering']],
    'print(values[:3])',
    'scaler = MinMaxScaler()',
    'scaled = scaler.fit_transform(values)',
    ['n_val = len(scaled) // 5', ['data_splitting']],
    'train, valid = scaled[n_val:], scaled[:n_val]',
  ]);
});

test('paths, sizes, groupings of frames and values first read by training stay other', () => {
  assertPhases('not-made-for.py', [
    'import os',
    'import pandas as pd',
    'from sklearn.ensemble import RandomForestRegressor',
    "DATA = 'data'",
    ["path = os.path.join(DATA, 'train.csv')", ['other']],
    'train = pd.read_csv(path)',
    "test = pd.read_csv(os.path.join(DATA, 'test.csv'))",
    ['ntrain = train.shape[0]', ['other']],
    ['combine = [train, test]', ['other']],
    'all_data = pd.concat(combine)',
    'X_train = all_data[:ntrain]',
    ['depth = int(train.shape[1] ** 0.5)', ['other']],
    "model = RandomForestRegressor(max_depth=depth).fit(train[['a']], train['y'])",
  ]);
});

// Issue 13 (corpus README: a class weight is model_training): a ratio computed for a model's constructor
// (scale_pos_weight=spw) configures the model; data read first by training stays what it is.
test('a class weight handed to a model constructor is made for the training', () => {
  assertPhases('imbalance.py', [
    'import pandas as pd',
    'import lightgbm as lgb',
    'from sklearn.model_selection import train_test_split',
    'df = pd.read_csv("train.csv")',
    'X = df.drop(columns="target")',
    'y = df["target"]',
    'X_train, X_valid, y_train, y_valid = train_test_split(X, y, stratify=y)',
    ['spw = (y_train == 0).sum() / (y_train == 1).sum()', ['model_training'], 'the class-weight ratio'],
    ["print(f'scale_pos_weight = {spw:.2f}')", ['model_training'], 'the class weight shown'],
    ['X_small = X_train.iloc[:, :5] * 2', { not: ['model_training'] }, 'data fitted on is not a setting'],
    'model = lgb.LGBMClassifier(n_estimators=300, scale_pos_weight=spw)',
    'model.fit(X_small, y_train)',
  ]);
});

// Issue 13 (corpus README: resampling to balance the classes is data_splitting): the rows of one class picked to be
// resampled are part of the resampling; rows picked and only looked at stay as they are.
test('class subsets read first by a resampling are data splitting', () => {
  assertPhases('downsample.py', [
    'import pandas as pd',
    'from sklearn.utils import resample',
    'train = pd.read_csv("train.csv")',
    ["majority = train[train['target'] == 0]", ['data_splitting']],
    ["minority = train[train['target'] == 1]", ['data_splitting']],
    'majority_down = resample(majority, replace=False, n_samples=len(minority), random_state=0)',
    'train_down = pd.concat([majority_down, minority])',
    ['pricey = train[train.price > 100]', { not: ['data_splitting'] }, 'looked at, not resampled'],
    'pricey.sample(5)',
  ]);
});
