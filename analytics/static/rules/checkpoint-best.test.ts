// Issue 13 (checkpoints of a training loop): the best validation score an epoch loop keeps to save or restore the
// best weights (early stopping) compares the passes of one training run, not candidates: the loop and the score's
// starting value are model_training, model_evaluation, not hyperparameter_tuning. A loop over candidate values
// keeping the best one still tunes.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const PRELUDE = [
  'import torch',
  'import torch.nn as nn',
  'model = nn.Linear(3, 1)',
  'optimizer = torch.optim.Adam(model.parameters())',
  'criterion = nn.MSELoss()',
  'def train_one_epoch(loader):',
  '    model.train()',
  '    for xb, yb in loader:',
  '        optimizer.zero_grad()',
  '        loss = criterion(model(xb), yb)',
  '        loss.backward()',
  '        optimizer.step()',
  '    return loss.item()',
  'def evaluate(loader):',
  '    model.eval()',
  '    total = 0.0',
  '    with torch.no_grad():',
  '        for xb, yb in loader:',
  '            total += criterion(model(xb), yb).item()',
  '    return total',
];

test('the best validation loss an epoch loop keeps picks a checkpoint: training and evaluation, not tuning', () => {
  assertPhases('checkpoint.py', [
    ...PRELUDE,
    ['best_valid_loss = float("inf")', ['model_training', 'model_evaluation']],
    ['best_f1, patience = 0, 0', ['model_training', 'model_evaluation']],
    ['for epoch in range(10):', { not: ['hyperparameter_tuning'] }],
    '    train_loss = train_one_epoch(train_loader)',
    '    valid_loss = evaluate(val_loader)',
    '    if valid_loss < best_valid_loss:',
    '        best_valid_loss = valid_loss',
    '        best_f1 = 1 - valid_loss',
    '        torch.save(model.state_dict(), "best.pt")',
  ]);
});

test('a loop over candidate values keeping the best score still tunes', () => {
  assertPhases('sweep.py', [
    'import numpy as np',
    'from sklearn.linear_model import Ridge',
    'from sklearn.metrics import mean_squared_error',
    'X_tr, y_tr = np.load("tr.npy"), np.load("ytr.npy")',
    'X_va, y_va = np.load("va.npy"), np.load("yva.npy")',
    ['best_score = float("inf")', ['hyperparameter_tuning']],
    ['for alpha in [0.1, 1.0, 10.0]:', ['hyperparameter_tuning']],
    '    m = Ridge(alpha=alpha).fit(X_tr, y_tr)',
    '    s = mean_squared_error(y_va, m.predict(X_va))',
    '    if s < best_score:',
    '        best_score, best_alpha = s, alpha',
  ]);
});

test("an epoch's passes over the train and val sides are no sweep over candidates", () => {
  assertPhases('phases.py', [
    'import torch',
    'import torch.nn as nn',
    'model = nn.Linear(3, 2)',
    'criterion = nn.CrossEntropyLoss()',
    'optimizer = torch.optim.SGD(model.parameters(), lr=0.01)',
    ['best_acc = 0.0', ['model_training', 'model_evaluation']],
    ['for epoch in range(5):', ['model_evaluation', 'model_training']],
    '    for phase in ["train", "val"]:',
    '        if phase == "train":',
    '            model.train()',
    '        else:',
    '            model.eval()',
    '        for inputs, labels in dataloaders[phase]:',
    '            optimizer.zero_grad()',
    '            outputs = model(inputs)',
    '            loss = criterion(outputs, labels)',
    '            if phase == "train":',
    '                loss.backward()',
    '                optimizer.step()',
    '        acc = (outputs.argmax(1) == labels).float().mean().item()',
    '        if phase == "val" and acc > best_acc:',
    '            best_acc = acc',
  ]);
});
