// Issue 13: rows dropped in a chain that draws serve the figure, whether or not its handle is kept in a name
// (ax = log.dropna(subset=['loss']).plot(...), then the validation curve drawn on the same axes).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a chain that drops rows and draws, bound to a figure handle, is visualization', () => {
  assertPhases('drawn_chains.py', [
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    'log = pd.read_csv("trainer_log.csv")',
    ["ax = log.dropna(subset=['loss']).plot(x='epoch', y='loss', label='train loss')", ['visualization']],
    ["log.dropna(subset=['eval_loss']).plot(x='epoch', y='eval_loss', label='val loss', ax=ax)", ['visualization']],
    'plt.show()',
    ["clean = log.dropna(subset=['loss'])", ['data_cleaning'], 'rows dropped into a name that draws nothing: cleaning'],
    'print(clean.shape)',
  ]);
});

test('a loop that only draws, over the columns left by a drop, is visualization', () => {
  assertPhases('drawn_columns.py', [
    'import pandas as pd',
    'import seaborn as sns',
    'import matplotlib.pyplot as plt',
    'df = pd.read_csv("parkinsons.csv")',
    'fig, axes = plt.subplots(4, 6, figsize=(22, 14))',
    ["for ax, col in zip(axes.flat, df.drop(columns=['name', 'status']).columns):", ['visualization']],
    "    sns.kdeplot(data=df, x=col, hue='status', fill=True, ax=ax)",
    '    ax.set_title(col)',
    'plt.tight_layout()',
  ]);
});
