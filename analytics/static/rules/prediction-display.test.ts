// Issue 13: rows of a frame holding a model's predictions, shown as they are, show predictions; summaries of them evaluate.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test("head / print of a frame's prediction column is prediction; a summary of it is evaluation", () => {
  assertPhases('fc.py', [
    'import joblib',
    'import pandas as pd',
    'model = joblib.load("m.joblib")',
    'future = pd.read_csv("future.csv")',
    'future["forecast"] = model.predict(future[["a", "b"]])',
    ['print(future[["week", "forecast"]].head())', ['prediction']],
    ['top = future.sort_values("forecast", ascending=False).head(10)', ['prediction']],
    ['future.groupby("store")["forecast"].mean()', ['model_evaluation']],
  ]);
});

test('predictions decoded through a constant table of class names are shown predictions', () => {
  assertPhases('decode.py', [
    'import numpy as np',
    'from tensorflow import keras',
    '(train_images, train_labels), (test_images, test_labels) = keras.datasets.fashion_mnist.load_data()',
    'class_names = ["T-shirt", "Trouser", "Pullover"]',
    'model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(3)])',
    'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")',
    'model.fit(train_images, train_labels, epochs=5)',
    'predictions = model.predict(test_images)',
    ['print(class_names[np.argmax(predictions[0])])', ['prediction'], 'was other (the constant list hid the predictions)'],
    ['names = [class_names[i] for i in predictions.argmax(axis=1)]', ['prediction']],
    ['print(class_names[0])', ['other']],
  ]);
});
