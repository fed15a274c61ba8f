// Issue 13 (outputs of the user's own model class): a value named as predictions (test_pred, y_hat, forecast) that a
// method of a model of the user's class returns (algo.test(testset), whatever the method is called) is prediction,
// not a value made for the evaluation that reads it next.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test("predictions named so, returned by a method of the user's model, are prediction", () => {
  assertPhases('funk.py', [
    'import numpy as np',
    'class FunkSVD:',
    '    def __init__(self, k):',
    '        self.k = k',
    '    def fit(self, triples, n_users, n_items, lr=0.005):',
    '        self.P = np.random.normal(0, 0.1, (n_users, self.k))',
    '        self.Q = np.random.normal(0, 0.1, (n_items, self.k))',
    '        for epoch in range(20):',
    '            for u, i, r in triples:',
    '                err = r - self.predict(int(u), int(i))',
    '                self.P[int(u)] += lr * err * self.Q[int(i)]',
    '                self.Q[int(i)] += lr * err * self.P[int(u)]',
    '        return self',
    '    def predict(self, u, i):',
    '        return self.P[u] @ self.Q[i]',
    '    def test(self, triples):',
    '        return np.array([self.predict(int(u), int(i)) for u, i, _ in triples])',
    'trainset, testset = np.load("train.npy"), np.load("test.npy")',
    'algo = FunkSVD(20)',
    'algo.fit(trainset, 1000, 500)',
    ['test_pred = algo.test(testset)', ['prediction']],
    'print(np.sqrt(np.mean((testset[:, 2] - test_pred) ** 2)))',
  ]);
});
