// Issue 13 (settings named as constants): the settings block at the top of a notebook (EPOCHS = 25, LR = 3e-5,
// MAX_LEN = 200) stays `other` even though a training call reads the values later; a lowercase step size of a
// hand-written loop and a dict of parameters still take the phase of the training they configure.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('capitalised scalar settings read by a model and its fit stay other', () => {
  assertPhases('settings.py', [
    'import numpy as np',
    'from tensorflow import keras',
    ['MAX_WORDS = 20000', ['other']],
    ['EMB_DIM = 64', ['other']],
    ['EPOCHS = 5', ['other']],
    ['IN_STEPS, OUT_STEPS = 48, 6', ['other']],
    'X = np.load("x.npy")',
    'y = np.load("y.npy")',
    'model = keras.Sequential([keras.layers.Embedding(MAX_WORDS, EMB_DIM), keras.layers.Dense(OUT_STEPS)])',
    'model.compile(optimizer="adam", loss="mse")',
    'model.fit(X, y, epochs=EPOCHS)',
  ]);
});

test('a lowercase step size and a dict of parameters configure the training', () => {
  assertPhases('params.py', [
    'import lightgbm as lgb',
    'import numpy as np',
    ['params = {"objective": "regression", "learning_rate": 0.05}', ['model_training']],
    'X = np.load("x.npy")',
    'y = np.load("y.npy")',
    'booster = lgb.train(params, lgb.Dataset(X, y))',
  ]);
});
