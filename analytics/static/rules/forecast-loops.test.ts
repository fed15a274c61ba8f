// Issue 13: a loop that only predicts (a recursive forecast: build the next input, predict, append) makes no features
// and trains nothing of its own: the inputs it builds (x = np.array(window[-24:])[None, :, None], xgb.DMatrix(row))
// serve its predictions.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a recursive forecast loop is prediction only', () => {
  assertPhases('forecast.py', [
    'import numpy as np',
    'import pandas as pd',
    'import xgboost as xgb',
    'from tensorflow import keras',
    'series = pd.read_csv("load.csv")["kw"].values',
    'model = keras.models.load_model("lstm.keras")',
    'booster = xgb.Booster(model_file="xgb.json")',
    'window = list(series[-24:])',
    'forecast = []',
    ['for _ in range(24):', ['prediction'], 'was prediction, feature_engineering'],
    '    x = np.array(window[-24:])[None, :, None]',
    '    yhat = model.predict(x, verbose=0)[0, 0]',
    '    forecast.append(yhat)',
    '    window.append(yhat)',
    'feats = pd.read_csv("future_features.csv", index_col=0)',
    'preds = []',
    ['for day in feats.index:', ['prediction'], 'was prediction, model_training (the DMatrix)'],
    '    row = feats.loc[[day]]',
    '    preds.append(float(booster.predict(xgb.DMatrix(row))[0]))',
  ]);
});

test('test-time augmentation (each input noised and flipped, then a forward pass without gradients) is prediction only', () => {
  assertPhases('tta.py', [
    'import numpy as np',
    'import torch',
    'net = torch.load("model.pt")',
    'net.eval()',
    'X_test = torch.load("x_test.pt")',
    ['tta_preds = []', ['prediction']],
    ['for flip in [False, True]:', ['prediction'], 'was prediction, feature_engineering (x named like features, noised and flipped)'],
    '    x = X_test + 0.01 * torch.randn_like(X_test)',
    '    if flip:',
    '        x = x.flip(1)',
    '    with torch.no_grad():',
    '        tta_preds.append(torch.sigmoid(net(x)).numpy())',
    ['final = np.mean(tta_preds, axis=0)', ['prediction']],
  ]);
});
