// A training log framed as a table only to be drawn (`hist = pd.DataFrame(history.history)`, then `hist[...].plot()`)
// is part of the figure, like `loss = history.history['loss']` (rules/plot-only.ts); a frame of data is not a log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases } from '../../../test/support/phases-at.js';
import { isFramedPick } from './plot-only.js';
import { parseChunks } from '../ir.js';

test('a fit history or a loop log framed and then only drawn is visualization', () => {
  assertPhases('framed_log.py', [
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    'from tensorflow import keras',
    'model = keras.Sequential([keras.layers.Dense(1)])',
    'model.compile(optimizer="adam", loss="mse")',
    'history = model.fit(X_tr, y_tr, validation_data=(X_va, y_va), epochs=5)',
    ['hist = pd.DataFrame(history.history)', ['visualization'], 'was model_evaluation (derived from scores)'],
    'hist[["loss", "val_loss"]].plot()',
    'plt.title("Loss")',
    ['scores = pd.DataFrame(history.history)', { not: ['visualization'] }, 'printed as numbers, not only drawn'],
    'print(scores.min())',
  ]);
});

test('isFramedPick: a DataFrame of picked values, optionally re-indexed; nothing computed', () => {
  const value = (code: string) => {
    const s = parseChunks(`v = ${code}`)[0]!.stmts[0]!.s;
    assert.ok(s.k === 'assign' && s.value);
    return s.value;
  };
  for (const c of ['pd.DataFrame(history.history)', 'pd.DataFrame(log).set_index("epoch")', 'pd.DataFrame(h.history).reset_index()']) assert.ok(isFramedPick(value(c)), c);
  for (const c of ['pd.DataFrame(history.history).mean()', 'pd.DataFrame(np.log(x))', 'pd.DataFrame(x, columns=cols)', 'pd.concat([a, b])']) assert.ok(!isFramedPick(value(c)), c);
});
