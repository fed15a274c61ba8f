// Issue 13: the NumPy tutorials end with a driver (`def logistic_regression(...)`) that trains by a user function
// (update: a hand-written gradient descent), predicts by another (predict) and prints the accuracy computed by hand
// (100 - np.mean(np.abs(y_prediction_test - y_test)) * 100). Like a library train / predict / score helper it does all
// three at every call: the def and its call are model_training, prediction and model_evaluation.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const HELPERS = [
  'import numpy as np',
  'x_train = np.load("x_train.npy")',
  'y_train = np.load("y_train.npy")',
  'x_test = np.load("x_test.npy")',
  'y_test = np.load("y_test.npy")',
  'def sigmoid(z):',
  '    return 1 / (1 + np.exp(-z))',
  'def gradients_of(w, b, x, y):',
  '    y_head = sigmoid(np.dot(w.T, x) + b)',
  '    return np.dot(x, (y_head - y).T) / x.shape[1], np.sum(y_head - y) / x.shape[1]',
  'def update(w, b, x, y, learning_rate, iterations):',
  '    for i in range(iterations):',
  '        dw, db = gradients_of(w, b, x, y)',
  '        w = w - learning_rate * dw',
  '        b = b - learning_rate * db',
  '    return w, b',
  'def predict(w, b, x):',
  '    return (sigmoid(np.dot(w.T, x) + b) > 0.5).astype(int)',
];

test('a driver training and predicting with user helpers and scoring by hand does all three', () => {
  const expected = ['model_evaluation', 'model_training', 'prediction'] as const;
  assertPhases('logreg_driver.py', [
    ...HELPERS,
    ['def logistic_regression(x_train, y_train, x_test, y_test, learning_rate, num_iterations):', expected],
    '    w, b = np.full((x_train.shape[0], 1), 0.01), 0.0',
    '    w, b = update(w, b, x_train, y_train, learning_rate, num_iterations)',
    '    y_prediction_test = predict(w, b, x_test)',
    '    y_prediction_train = predict(w, b, x_train)',
    '    print("train accuracy: {} %".format(100 - np.mean(np.abs(y_prediction_train - y_train)) * 100))',
    '    print("test accuracy: {} %".format(100 - np.mean(np.abs(y_prediction_test - y_test)) * 100))',
    ['logistic_regression(x_train, y_train, x_test, y_test, learning_rate=0.01, num_iterations=150)', expected],
  ]);
});
