// Issue 11: a statement's phase comes from what it does, not from its outermost call; data writes are not model
// persistence; hand-written parameter updates are training whatever their syntax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases } from '../../../test/support/phases-at.js';
import { parameterUpdate } from './updates.js';
import { phaseOfWrite } from './data-writes.js';
import { parseChunks } from '../ir.js';

const HEAD = [
  'import logging',
  'import numpy as np',
  'import pandas as pd',
  'import matplotlib.pyplot as plt',
  'from sklearn.linear_model import LogisticRegression',
  'from sklearn.metrics import accuracy_score',
  'from plotting_utils import save_fig',
  'df = pd.read_csv("train.csv")',
  'X, y = df.drop(columns="y"), df["y"]',
  'model = LogisticRegression()',
];

test('wrapping calls look through to their arguments: display, print, f-strings, len, logging, helpers', () => {
  assertPhases('wrap.py', [
    ...HEAD,
    ['display(model.fit(X, y))', ['model_training']],
    'def evaluate(m, X, y):',
    '    return accuracy_score(y, m.predict(X))',
    ['print(evaluate(model, X, y))', ['model_evaluation']],
    'logger = logging.getLogger(__name__)',
    ['logger.info("acc=%.3f", model.score(X, y))', ['model_evaluation'], 'a logger call displays, it does not inspect data (df.info)'],
    ['print(f"{len(df)} rows, {len(X.columns)} columns")', ['data_exploration']],
    'plt.plot(df["a"])',
    ['save_fig("a_curve")', ['visualization'], 'an imported save_fig helper draws'],
    'def timed(fn, *args):',
    '    import time',
    '    t = time.time()',
    '    r = fn(*args)',
    '    print(time.time() - t)',
    '    return r',
    ['timed(model.fit, X, y)', ['model_training'], 'the callable handed to a helper does its work; its body import is not setup'],
    ['logging.info("rows: %d", len(df))', ['data_exploration']],
  ]);
});

test('a save_fig helper defined in the file is visualization, also after an evaluation', () => {
  assertPhases('fig.py', [
    ...HEAD,
    'import os',
    'def save_fig(fig_id, tight_layout=True):',
    '    path = os.path.join("images", fig_id + ".png")',
    '    print("Saving figure", fig_id)',
    '    if tight_layout:',
    '        plt.tight_layout()',
    '    plt.savefig(path, dpi=300)',
    'acc = accuracy_score(y, model.fit(X, y).predict(X))',
    'plt.bar(["acc"], [acc])',
    ['save_fig("accuracy")', ['visualization']],
  ]);
});

test('data written to files takes the phase of the data; model_persistence only for models and their results', () => {
  assertPhases('io.py', [
    ...HEAD,
    'import joblib',
    'clean = df.dropna()',
    ['clean.to_csv("clean.csv", index=False)', ['data_cleaning']],
    'df["ratio"] = df["a"] / df["b"]',
    'feats = pd.get_dummies(df, columns=["k"])',
    ['feats.to_parquet("features.parquet")', ['feature_engineering']],
    ['np.save("X.npy", X.to_numpy())', { not: ['model_persistence'] }],
    ['df.to_csv("copy.csv")', ['data_loading'], 'an export of loaded data is data I/O'],
    'model.fit(X, y)',
    ['joblib.dump(model, "model.pkl")', ['model_persistence']],
    'preds = model.predict(X)',
    'submission = pd.DataFrame({"id": df["id"], "y": preds})',
    ['submission.to_csv("submission.csv", index=False)', ['model_persistence'], 'a predictions file is a result of the model'],
    'W = np.zeros(3)',
    ['np.save("weights.npy", W)', ['model_persistence'], 'learnt weights are the model'],
  ]);
});

test('phaseOfWrite: models and results persist, data keeps its phase', () => {
  const d = { model: false, results: false, data: true, origin: null };
  assert.equal(phaseOfWrite('.to_csv', [{ ...d, origin: 'feature_engineering' }], ['df']), 'feature_engineering');
  assert.equal(phaseOfWrite('.to_csv', [d], ['df']), 'data_loading');
  assert.equal(phaseOfWrite('.to_csv', [d], ['sub']), 'model_persistence');
  assert.equal(phaseOfWrite('joblib.dump', [{ ...d, data: false }], ['vectorizer']), 'model_persistence');
  assert.equal(phaseOfWrite('joblib.dump', [{ ...d, origin: 'data_cleaning' }], ['X_clean']), 'data_cleaning');
});

test('hand-written parameter updates are model training, whatever their syntax', () => {
  const a = assertPhases('gd.py', [
    'import numpy as np',
    'X = np.load("X.npy")',
    'y = np.load("y.npy")',
    ['alpha = 0.05', ['model_training'], 'the step size configures training'],
    'lr = 0.1',
    'W = [np.zeros((3, 3)), np.zeros(3)]',
    ['for epoch in range(10):', ['model_training']],
    '    grads = backprop(W, X, y)',
    '    W = [w - alpha * g for w, g in zip(W, grads)]',
    'w = np.zeros(3)',
    'dw = X.T @ (X @ w - y)',
    ['w = w - lr * dw', ['model_training']],
    ['w = np.subtract(w, lr * dw)', ['model_training']],
    ['w -= lr * dw', ['model_training']],
    'price = np.ones(3)',
    'discount = 0.1',
    ['price = price - discount', { not: ['model_training'] }],
  ]);
  const params = a.parameters.map((p) => `${p.name}=${String(p.value)}@${p.line}`);
  assert.ok(params.includes('alpha=0.05@9'), params.join(' '));
  assert.ok(params.includes('lr=0.1@12'), params.join(' '));
});

test('parameterUpdate recognises the shapes of a gradient step and nothing else', () => {
  const one = (code: string): [Parameters<typeof parameterUpdate>[0], Parameters<typeof parameterUpdate>[1], string | null] => {
    const s = parseChunks(code)[0]!.stmts[0]!.s;
    assert.equal(s.k, 'assign');
    if (s.k !== 'assign') throw new Error('not an assignment');
    return [s.targets[0]!, s.value!, s.op];
  };
  assert.deepEqual(parameterUpdate(...one('params = {k: params[k] - lr * grads[k] for k in params}')), ['lr']);
  assert.deepEqual(parameterUpdate(...one('theta = theta - eta * gradients')), ['eta']);
  assert.deepEqual(parameterUpdate(...one('b -= db')), []);
  assert.equal(parameterUpdate(...one('x = x - x.mean()')), null);
  assert.equal(parameterUpdate(...one('total = total + value')), null);
});
