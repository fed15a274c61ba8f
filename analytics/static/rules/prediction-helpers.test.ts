// Issue 13: a helper whose result is a model's prediction (def predict_image(path): ... return labels[np.argmax(
// model.predict(img))]) predicts, however many statements prepare its input (labeller/summaries.ts returnsPredictions),
// and a data parameter takes the DataFrame type of its argument so that its methods resolve (paramKind).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a helper that prepares an image and returns the predicted label is prediction, and so is its call', () => {
  const a = assertPhases('predict.py', [
    'import numpy as np',
    'import cv2',
    'from tensorflow import keras',
    'model = keras.models.load_model("m.keras")',
    'labels = ["cat", "dog"]',
    'def predict_image(path):',
    '    img = cv2.imread(path)',
    '    img = cv2.resize(img, (224, 224))',
    '    img = img / 255.0',
    '    img = np.expand_dims(img, axis=0)',
    '    probs = model.predict(img)',
    '    return labels[np.argmax(probs)]',
    'print(predict_image("x.jpg"))',
  ]);
  const at = (line: number) => a.statements.find((s) => s.start_line === line && s.cell === null)!.phases;
  assert.equal(at(6)[0], 'prediction', `def predict_image: ${at(6)}`);
  assert.equal(at(13)[0], 'prediction', `predict_image(...) call: ${at(13)}`);
});

test('a helper that returns a score of its predictions is not prediction', () => {
  const a = assertPhases('score.py', [
    'from sklearn.metrics import accuracy_score',
    'def score(model, X, y):',
    '    pred = model.predict(X)',
    '    return accuracy_score(y, pred)',
  ]);
  const def = a.statements.find((s) => s.start_line === 2 && s.cell === null)!;
  assert.ok(def.phases.includes('model_evaluation'), `def score: ${def.phases}`);
});

test('a cleaning helper called with a DataFrame returns a DataFrame whose plot methods resolve', () => {
  assertPhases('water.py', [
    'import pandas as pd',
    'water = pd.read_csv("water.csv")',
    'def cap_outliers(frame, cols):',
    '    for c in cols:',
    '        frame[c] = frame[c].clip(frame[c].quantile(0.01), frame[c].quantile(0.99))',
    '    return frame',
    'water = cap_outliers(water, ["ph", "hardness"])',
    ['water.boxplot()', ['visualization']],
  ]);
});
