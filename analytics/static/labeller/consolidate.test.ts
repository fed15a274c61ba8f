// Issue 13 (per-cell classes): a statement in a function body is a step of the function — its phases outside the
// function's coarse groups give way to the function's phases (labeller/consolidate.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases } from '../../../test/support/phases-at.js';
import { consolidatedFinal } from './consolidate.js';

test("body steps outside the function's groups take its phases (forward's flatten, a KFold in a scoring helper, an import in a plot helper)", () => {
  assertPhases('steps.py', [
    'import numpy as np',
    'import torch',
    'import torch.nn as nn',
    'from sklearn.model_selection import KFold, cross_val_score',
    ['class Net(nn.Module):', ['model_training']],
    '    def __init__(self):',
    '        super().__init__()',
    '        self.fc1 = nn.Linear(64, 10)',
    '    def forward(self, x):',
    ['        x = torch.flatten(x, 1)', ['model_training']],
    '        return self.fc1(x)',
    ['def rmsle_cv(model, X, y):', ['model_evaluation']],
    ['    kf = KFold(5, shuffle=True, random_state=42)', ['model_evaluation']],
    '    return np.sqrt(-cross_val_score(model, X, y, scoring="neg_mean_squared_error", cv=kf))',
    ['def residual_view(actual, predicted):', ['visualization']],
    ['    import matplotlib.pyplot as plt', ['visualization']],
    '    plt.plot(actual - predicted)',
    '    plt.show()',
  ]);
});

test("a method's body is consolidated with its class: a Dataset's __init__ building tensors loads data", () => {
  assertPhases('ds.py', [
    'import torch',
    'from torch.utils.data import Dataset',
    ['class CarsDataset(Dataset):', ['data_loading']],
    ['    def __init__(self, X, y):', ['data_loading']],
    ['        self.X = torch.tensor(X, dtype=torch.float32)', ['data_loading']],
    '        self.y = torch.tensor(y, dtype=torch.float32)',
    '    def __len__(self):',
    '        return len(self.X)',
    '    def __getitem__(self, i):',
    '        return self.X[i], self.y[i]',
  ]);
});

test('steps within the same group keep their phase, a save keeps model_persistence, an unlabelled function changes nothing', () => {
  const owner = { phases: ['model_evaluation' as const], evidence: ['def f: body -> model_evaluation'], confidence: 0.8 };
  const pred = { phases: ['prediction' as const], evidence: ['m.predict -> prediction'], confidence: 0.9 };
  assert.equal(consolidatedFinal(pred, owner, 'f'), null);
  const save = { phases: ['model_persistence' as const], evidence: ['joblib.dump -> model_persistence'], confidence: 0.9 };
  assert.equal(consolidatedFinal(save, owner, 'f'), null);
  const mixed = { phases: ['prediction' as const, 'data_cleaning' as const], evidence: ['m.predict -> prediction', 'x.dropna -> data_cleaning'], confidence: 0.9 };
  assert.deepEqual(consolidatedFinal(mixed, owner, 'f')?.phases, ['prediction']);
  const split = { phases: ['data_splitting' as const], evidence: ['KFold -> data_splitting'], confidence: 0.9 };
  assert.deepEqual(consolidatedFinal(split, owner, 'f'), { phases: ['model_evaluation'], evidence: ['a step of f() -> model_evaluation'], confidence: 0.8 });
  const other = { phases: ['other' as const], evidence: ['def g: empty body -> other'], confidence: 0.3 };
  assert.equal(consolidatedFinal(split, other, 'g'), null);
});
