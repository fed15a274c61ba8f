// Issue 13: helpers whose body is plain arithmetic get their phase from the code that calls them (through the loop
// around the call, and through other helpers), ties and uncalled helpers from a small vocabulary of names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases } from '../../../test/support/phases-at.js';
import { chooseHelperPhase, helperRole } from './helper-roles.js';

test('a helper called only inside a training loop is training, and so is the helper it calls', () => {
  assertPhases('logreg.py', [
    'import numpy as np',
    'X = np.loadtxt("x.csv")',
    'y = np.loadtxt("y.csv")',
    ['def act(z):', ['model_training'], 'called by step() (training) and for predictions: a tie the name does not break, the first caller wins'],
    '    return 1 / (1 + np.exp(-z))',
    ['def step(w, X, y):', ['model_training'], 'its only caller is a body statement of a gradient-descent loop'],
    '    p = act(X @ w)',
    '    return X.T @ (p - y) / len(y)',
    'w = np.zeros(X.shape[1])',
    'for _ in range(100):',
    '    g = step(w, X, y)',
    '    w = w - 0.1 * g',
    'probs = act(X @ w)',
  ]);
});

test('a sigmoid used for training and for predictions is training; uncalled helpers are labelled by their name', () => {
  assertPhases('helpers.py', [
    'import numpy as np',
    'X = np.loadtxt("x.csv")',
    'y = np.loadtxt("y.csv")',
    ['def sigmoid(z):', ['model_training']],
    '    return 1 / (1 + np.exp(-z))',
    'def gradients(w, X, y):',
    '    return X.T @ (sigmoid(X @ w) - y) / len(y)',
    'w = np.zeros(X.shape[1])',
    'for _ in range(100):',
    '    w = w - 0.1 * gradients(w, X, y)',
    'probs = sigmoid(X @ w)',
    ['def zscore(values):', ['feature_engineering']],
    '    return (values - values.mean()) / values.std()',
    ['def tokenize(text):', ['data_cleaning']],
    '    return text.lower().split()',
    ['def halve(v):', ['other'], 'a name that says nothing and no caller: no phase'],
    '    return v / 2',
  ]);
});

test('the scores a softmax rescales are the raw outputs of a model, not metrics: its predictions are prediction', () => {
  assertPhases('softmax.py', [
    'import numpy as np',
    'X = np.loadtxt("x.csv")',
    'Y = np.loadtxt("y.csv")',
    'X_test = np.loadtxt("x_test.csv")',
    'W = np.zeros((X.shape[1], 3))',
    'def softmax(scores):',
    '    scores = scores - scores.max(axis=1, keepdims=True)',
    '    e = np.exp(scores)',
    '    return e / e.sum(axis=1, keepdims=True)',
    'for step in range(100):',
    '    P = softmax(X @ W)',
    '    W -= 0.1 * X.T @ (P - Y) / len(X)',
    ['probs = softmax(X_test @ W)', ['prediction'], 'was model_evaluation: the parameter and local named scores read as metrics'],
    ['y_hat = probs.argmax(axis=1)', ['prediction']],
  ]);
});

test('chooseHelperPhase: most votes, ties by the name, the name alone without votes', () => {
  assert.equal(chooseHelperPhase('sigmoid', new Map([['prediction', 1], ['model_training', 1]])), 'model_training');
  assert.equal(chooseHelperPhase('sigmoid', new Map([['prediction', 2], ['model_training', 1]])), 'prediction');
  assert.equal(chooseHelperPhase('standardize_cols', new Map()), 'feature_engineering');
  assert.equal(chooseHelperPhase('f', new Map()), null);
  assert.deepEqual(helperRole('clean_text'), ['data_cleaning', 'feature_engineering']);
  assert.deepEqual(helperRole('scaler_fit'), []);
});
