// Issue 13 (accumulators of model-building loops): a container initialised for a loop takes the phases of the loop
// that fills it; a loop that trains and validates each epoch, or fits and scores each model, fills it with both:
// model_training, model_evaluation. The predictions such a loop scores add no prediction phase.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('losses of an epoch loop that trains and validates are training and evaluation', () => {
  assertPhases('epochs.py', [
    'import torch',
    'import torch.nn as nn',
    'model = nn.Linear(3, 1)',
    'optimizer = torch.optim.SGD(model.parameters(), lr=0.1)',
    'criterion = nn.MSELoss()',
    ['train_losses, val_losses = [], []', ['model_training', 'model_evaluation']],
    'for epoch in range(20):',
    '    model.train()',
    '    optimizer.zero_grad()',
    '    loss = criterion(model(X_train), y_train)',
    '    loss.backward()',
    '    optimizer.step()',
    '    train_losses.append(loss.item())',
    '    model.eval()',
    '    with torch.no_grad():',
    '        val_losses.append(criterion(model(X_val), y_val).item())',
  ]);
});

test('the rows of a loop fitting and scoring each model are training and evaluation, not prediction', () => {
  assertPhases('zoo.py', [
    'import numpy as np',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.ensemble import RandomForestClassifier',
    'from sklearn.metrics import accuracy_score, f1_score',
    'X_tr, y_tr = np.load("tr.npy"), np.load("ytr.npy")',
    'X_va, y_va = np.load("va.npy"), np.load("yva.npy")',
    'models = {"lr": LogisticRegression(), "rf": RandomForestClassifier()}',
    ['rows = []', ['model_training', 'model_evaluation']],
    'for name, model in models.items():',
    '    model.fit(X_tr, y_tr)',
    '    pred = model.predict(X_va)',
    '    rows.append({"model": name, "acc": accuracy_score(y_va, pred), "f1": f1_score(y_va, pred)})',
  ]);
});
