// Issue 13: values picked out only to be drawn are part of the figure (def-use), and so is a loop that only draws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases } from '../../../test/support/phases-at.js';
import { isPick } from './plot-only.js';
import { parseChunks } from '../ir.js';

const HEAD = [
  'import matplotlib.pyplot as plt',
  'import tensorflow as tf',
  'from tensorflow import keras',
  'model = keras.Sequential([keras.layers.Dense(1)])',
  'model.compile(optimizer="adam", loss="mse")',
  'ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(32)',
  'history = model.fit(ds, epochs=5)',
];

test('a value picked out and then only drawn is visualization; one also used otherwise keeps its phase', () => {
  assertPhases('curves.py', [
    ...HEAD,
    ['loss = history.history["loss"]', ['visualization']],
    ['acc = history.history["acc"] + history.history["val_acc"]', ['visualization']],
    'plt.plot(loss)',
    'plt.plot(acc)',
    'plt.show()',
    ['val = history.history["val_loss"]', { not: ['visualization'] }, 'printed as a number, not only drawn'],
    'plt.plot(val)',
    'print(min(val))',
    ['for images, labels in ds.take(1):', ['visualization'], 'a loop that only draws: taking the batch is part of the figure'],
    '    for i in range(4):',
    '        plt.subplot(2, 2, i + 1)',
    '        plt.imshow(images[i])',
  ]);
});

test('a batch picked into names like features and labels, then only drawn, is visualization; one trained on is not', () => {
  assertPhases('batch.py', [
    ...HEAD,
    'gen = keras.preprocessing.image.ImageDataGenerator(rescale=1 / 255).flow_from_directory("train", batch_size=32)',
    ['images, labels = next(gen)', ['visualization'], 'named like features/labels, but only drawn'],
    'for i in range(12):',
    '    plt.subplot(3, 4, i + 1)',
    '    plt.imshow(images[i])',
    '    plt.title(labels[i].argmax())',
    ['X_batch, y_batch = next(gen)', { not: ['visualization'] }, 'trained on afterwards'],
    'plt.imshow(X_batch[0])',
    'model.fit(X_batch, y_batch)',
  ]);
});

test('isPick: subscripts, attributes, next/iter and take/sample, nothing computed', () => {
  const value = (code: string) => {
    const s = parseChunks(`v = ${code}`)[0]!.stmts[0]!.s;
    assert.ok(s.k === 'assign' && s.value);
    return s.value;
  };
  for (const c of ['h.history["loss"]', 'next(iter(loader))', 'ds.take(1)', 'df.sample(5)', 'a.h["x"] + b.h["x"]']) assert.ok(isPick(value(c)), c);
  for (const c of ['df.corr()', 'np.log(df["x"])', 'df[df.x > 0]', 'h.history["loss"] * 2', '[1, 2]']) assert.ok(!isPick(value(c)), c);
});

test('the lengths of texts measured and then only drawn are visualization; lengths kept as a feature are not', () => {
  assertPhases('text_lengths.py', [
    'import pandas as pd',
    'import matplotlib.pyplot as plt',
    'df = pd.read_csv("reviews.csv")',
    ['lengths = df["tokens"].str.len()', ['visualization'], 'measured only to draw their distribution'],
    'plt.hist(lengths, bins=100)',
    'plt.show()',
    ['n_words = df.text.str.split().str.len()', ['visualization']],
    'plt.hist(n_words)',
    ['chars = df.text.apply(len)', { not: ['visualization'] }, 'also a column of the table'],
    'plt.hist(chars)',
    'df["chars"] = chars',
  ]);
});

test('group summaries made only to be drawn are visualization; a summary also used for a feature is not', () => {
  assertPhases('drawn_summaries.py', [
    'import pandas as pd',
    'import seaborn as sns',
    'import matplotlib.pyplot as plt',
    'data = pd.read_csv("countries of the world.csv")',
    ["region_gdp = data.groupby('region')['gdp'].mean().sort_values(ascending=False)", ['visualization']],
    'sns.barplot(x=region_gdp.index, y=region_gdp.values)',
    'plt.show()',
    ["by_climate = data.pivot_table(index='climate', values='birthrate')", ['visualization']],
    'by_climate.plot(kind="bar")',
    ["region_mean = data.groupby('region')['gdp'].mean()", { not: ['visualization'] }, 'also mapped into a column'],
    'region_mean.plot(kind="bar")',
    "data['region_gdp'] = data['region'].map(region_mean)",
  ]);
});
