// Issue 13 (helpers named for predicting): a user function named predict (knn_predict, predict_sentiment) whose body
// only shapes data — distances and votes of a hand-written nearest-neighbour model, a tensor of token ids handed to
// an untyped model — predicts, and so do its calls; a helper named so that trains or scores keeps those phases.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a hand-written predict helper is prediction, and so is its call', () => {
  assertPhases('knn.py', [
    'import numpy as np',
    'X_train, y_train, X_test = np.load("a.npy"), np.load("b.npy"), np.load("c.npy")',
    ['def knn_predict(X_ref, y_ref, X_query, k=5):', ['prediction']],
    '    d = ((X_query[:, None, :] - X_ref[None]) ** 2).sum(-1)',
    '    nearest = np.argsort(d, axis=1)[:, :k]',
    '    return (y_ref[nearest].mean(axis=1) > 0.5).astype(int)',
    ['y_hat = knn_predict(X_train, y_train, X_test, k=5)', ['prediction']],
  ]);
});

test('a predict helper feeding token ids to a model passed in is prediction', () => {
  assertPhases('sent.py', [
    'import torch',
    'def encode(text):',
    '    return [hash(w) % 1000 for w in text.split()]',
    ['def predict_sentiment(model, sentence):', ['prediction']],
    '    ids = torch.tensor(encode(sentence), dtype=torch.long).unsqueeze(0)',
    '    with torch.no_grad():',
    '        prob = torch.sigmoid(model(ids))',
    '    return prob.item()',
  ]);
});
