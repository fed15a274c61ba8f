// Issue 13: the NumPy tutorials write logistic regression by hand: a helper computes the cost and the derivatives
// (`forward_backward_propagation`), a loop reads them in a gradient step (`w = w - learning_rate * gradients[...]`).
// The helper is a step of the training (not feature engineering for `z = np.dot(w.T, x_train) + b`, nor evaluation
// for its loss), and `sigmoid`, called by it and by `predict`, is training too; `predict` stays prediction.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a helper whose results a gradient step reads is model_training, and so are the helpers it calls', () => {
  assertPhases('logreg_by_hand.py', [
    'import numpy as np',
    'x_train = np.load("x_train.npy")',
    'y_train = np.load("y_train.npy")',
    ['def sigmoid(z):', ['model_training']],
    '    return 1 / (1 + np.exp(-z))',
    ['def forward_backward_propagation(w, b, x_train, y_train):', ['model_training']],
    '    z = np.dot(w.T, x_train) + b',
    '    y_head = sigmoid(z)',
    '    loss = -y_train * np.log(y_head) - (1 - y_train) * np.log(1 - y_head)',
    '    cost = (np.sum(loss)) / x_train.shape[1]',
    '    derivative_weight = (np.dot(x_train, ((y_head - y_train).T))) / x_train.shape[1]',
    '    derivative_bias = np.sum(y_head - y_train) / x_train.shape[1]',
    '    gradients = {"derivative_weight": derivative_weight, "derivative_bias": derivative_bias}',
    '    return cost, gradients',
    ['def update(w, b, x_train, y_train, learning_rate, number_of_iterations):', ['model_training']],
    '    for i in range(number_of_iterations):',
    '        cost, gradients = forward_backward_propagation(w, b, x_train, y_train)',
    '        w = w - learning_rate * gradients["derivative_weight"]',
    '        b = b - learning_rate * gradients["derivative_bias"]',
    '    return {"weight": w, "bias": b}',
    ['def predict(w, b, x_test):', ['prediction']],
    '    z = sigmoid(np.dot(w.T, x_test) + b)',
    '    return (z > 0.5).astype(int)',
  ]);
});

// The starting values of that training made by a helper of no phase of its own (`w, b = initialize_weights_and_bias(d)`
// handed to `update(w, b, ...)`) are the training's too (corpus README: starting values of a hand-written loop), while a
// helper with a phase of its own whose results a training function is handed (scaled features) keeps it.
test('a helper making the starting weights handed to a user training function is model_training', () => {
  assertPhases('logreg_start.py', [
    'import numpy as np',
    'x_train = np.load("x_train.npy")',
    'y_train = np.load("y_train.npy")',
    ['def initialize_weights_and_bias(dimension):', ['model_training']],
    '    w = np.full((dimension, 1), 0.01)',
    '    b = 0.0',
    '    return w, b',
    ['def scaled(x):', ['feature_engineering']],
    '    return (x - x.mean(axis=1, keepdims=True)) / x.std(axis=1, keepdims=True)',
    'def update(w, b, x, y, learning_rate, iterations):',
    '    for i in range(iterations):',
    '        y_head = 1 / (1 + np.exp(-(np.dot(w.T, x) + b)))',
    '        w = w - learning_rate * np.dot(x, (y_head - y).T) / x.shape[1]',
    '        b = b - learning_rate * np.sum(y_head - y) / x.shape[1]',
    '    return w, b',
    'def logistic_regression(x_train, y_train, learning_rate, num_iterations):',
    '    x = scaled(x_train)',
    '    w, b = initialize_weights_and_bias(x.shape[0])',
    '    w, b = update(w, b, x, y_train, learning_rate, num_iterations)',
    '    y_prediction = (np.dot(w.T, x) + b > 0).astype(int)',
    '    print("train accuracy: {} %".format(100 - np.mean(np.abs(y_prediction - y_train)) * 100))',
    '    print("train error: {} %".format(np.mean(np.abs(y_prediction - y_train)) * 100))',
    '    return w, b',
    'weights = logistic_regression(x_train, y_train, 0.01, 150)',
  ]);
});
