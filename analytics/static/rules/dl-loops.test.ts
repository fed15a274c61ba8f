// Issue 13: deep-learning loops written by hand. A loop that trains logs its progress (print(epoch, loss.item())):
// that print is part of the training, not an evaluation (labeller/block.ts). Forward passes under torch.no_grad()
// whose outputs are compared with labels serve the evaluation, and the counters they fill (correct = 0) are
// evaluation too; forward passes under no_grad that only keep their outputs stay prediction.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';
import { TORCH_HEAD } from '../../../test/support/torch-snippet.js';

test('a training loop that prints its loss is model_training only', () => {
  assertPhases('train_loop.py', [
    ...TORCH_HEAD,
    ['for epoch in range(3):', ['model_training']],
    '    model.train()',
    '    for xb, yb in loader:',
    '        opt.zero_grad()',
    '        loss = loss_fn(model(xb), yb)',
    '        loss.backward()',
    '        opt.step()',
    '    print(f"epoch {epoch}: loss {loss.item():.4f}")',
  ]);
});

test('a training loop that calls an evaluation keeps both phases', () => {
  assertPhases('train_eval_loop.py', [
    'from sklearn.linear_model import SGDClassifier',
    'from sklearn.metrics import accuracy_score',
    'import numpy as np',
    'X = np.load("x.npy")',
    'y = np.load("y.npy")',
    'clf = SGDClassifier()',
    ['for epoch in range(5):', ['model_training', 'model_evaluation']],
    '    clf.partial_fit(X, y, classes=[0, 1])',
    '    print(epoch, accuracy_score(y, clf.predict(X)))',
  ]);
});

test('forward passes under torch.no_grad compared with labels are evaluation; their counters too', () => {
  assertPhases('eval_loop.py', [
    ...TORCH_HEAD,
    ['model.eval()', ['model_evaluation']],
    ['correct = 0', ['model_evaluation']],
    ['with torch.no_grad():', ['model_evaluation']],
    '    for xb, yb in loader:',
    '        out = model(xb)',
    '        _, pred = torch.max(out, 1)',
    '        correct += (pred == yb).sum().item()',
    ['print("accuracy", correct / len(y))', ['model_evaluation']],
  ]);
});

test('forward passes under torch.no_grad that only keep their outputs are prediction', () => {
  assertPhases('predict_loop.py', [
    ...TORCH_HEAD,
    ['with torch.no_grad():', ['prediction']],
    '    preds = model(X).argmax(dim=1).numpy()',
  ]);
});

test('a seasonal decomposition is exploration; its plot is visualization (knowledge base: statsmodels.Decomposition)', () => {
  assertPhases('decompose.py', [
    'import pandas as pd',
    'from statsmodels.tsa.seasonal import seasonal_decompose',
    's = pd.read_csv("a.csv", index_col=0)["y"]',
    ['dec = seasonal_decompose(s, model="additive", period=12)', ['data_exploration']],
    ['dec.plot()', ['visualization']],
    ['dec.trend.plot()', ['visualization']],
    ['print(dec.resid.describe())', ['data_exploration']],
  ]);
});

test('an inference loop of a user module under torch.no_grad that keeps probabilities is prediction, its accumulator too', () => {
  assertPhases('infer_user_module.py', [
    'import numpy as np',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    'class Net(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.fc = nn.Linear(4, 3)',
    '    def forward(self, x):',
    '        return self.fc(F.relu(x))',
    'net = Net()',
    'test_dl = torch.utils.data.DataLoader(torch.randn(20, 4), batch_size=5)',
    ['all_probs = []', ['prediction']],
    ['with torch.no_grad():', ['prediction']],
    '    for xb in test_dl:',
    '        all_probs.append(F.softmax(net(xb), dim=1).numpy())',
    ['probs = np.concatenate(all_probs)', ['prediction']],
  ]);
});
