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
