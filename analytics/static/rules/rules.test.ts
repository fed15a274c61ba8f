import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../index.js';
import { assertPhases, phasesAt } from '../../../test/support/phases-at.js';


test('encoding: categories recoded as numbers are feature engineering; missing-value markers stay cleaning', () => {
  const src = [
    'import pandas as pd',
    'import numpy as np',
    'df = pd.read_csv("a.csv")',
    "df['sex'] = df['sex'].map({'male': 0, 'female': 1})",
    "df['edu'] = df['edu'].replace({'primary': 1, 'tertiary': 3})",
    "df['prep'] = df['prep'].replace(['none', 'completed'], [0, 1])",
    "df.loc[df['y'] == 'yes', 'y'] = 1",
    "df.gender[df.gender == 'male'] = 1",
    "df['cp'] = df['cp'].astype('category').cat.codes",
    'df = df.replace(0, np.nan)',
  ].join('\n');
  const a = analyzeSource(src, 'enc.py');
  for (const l of [4, 5, 6, 7, 8, 9]) assert.deepEqual(phasesAt(a, l), ['feature_engineering'], `line ${l}`);
  assert.deepEqual(phasesAt(a, 10), ['data_cleaning']);
});

test('unseen helpers (user modules) take the phase of their verb', () => {
  const src = [
    'import pandas as pd',
    'from utils.plots import plot_survival_by',
    'from utils.features import add_family_features',
    'train = pd.read_csv("t.csv")',
    "plot_survival_by(train, 'Pclass')",
    'train = add_family_features(train)',
  ].join('\n');
  const a = analyzeSource(src, 'u.py');
  assert.deepEqual(phasesAt(a, 5), ['visualization']);
  assert.deepEqual(phasesAt(a, 6), ['feature_engineering']);
});

test('plots of data through data objects are visualization', () => {
  const src = ['import pandas as pd', 'df = pd.read_csv("a.csv")', "df['a'].value_counts().plot(kind='bar')", 'df.hist(bins=20)', "df.boxplot(column='a')", "df.groupby('k')['a'].mean().plot()"].join('\n');
  const a = analyzeSource(src, 'p.py');
  for (const l of [3, 4, 5, 6]) assert.deepEqual(phasesAt(a, l), ['visualization'], `line ${l}`);
});

test('a chain ending in a figure: its data operations serve the figure', () => {
  const src = [
    'import pandas as pd',
    'import plotly.express as px',
    'df = pd.read_csv("a.csv")',
    "df['a'].rolling(30).mean().plot()",
    "px.scatter(df.sample(2000), x='a', y='b')",
    'small = df.sample(2000)',
  ].join('\n');
  const a = analyzeSource(src, 'c.py');
  assert.deepEqual(phasesAt(a, 4), ['visualization']);
  assert.deepEqual(phasesAt(a, 5), ['visualization']);
  assert.deepEqual(phasesAt(a, 6), ['data_splitting'], 'kept, not drawn: the operation is the statement');
});

test('rare categories grouped into one are feature engineering', () => {
  const src = ['import pandas as pd', 'df = pd.read_csv("a.csv")', "df['Title'] = df['Title'].replace(['Lady', 'Capt', 'Don'], 'Rare')", "df['x'] = df['x'].replace('?', 'unknown')"].join('\n');
  const a = analyzeSource(src, 'g.py');
  assert.deepEqual(phasesAt(a, 3), ['feature_engineering']);
  assert.deepEqual(phasesAt(a, 4), ['data_cleaning']);
});

test('an image read through matplotlib is data, not a figure; written with imsave it is a data write', () => {
  assertPhases('pixels.py', [
    'import numpy as np',
    'import matplotlib.pyplot as plt',
    'import matplotlib.image as mpimg',
    ['img = mpimg.imread("parrots.png")', ['data_loading']],
    ['print(img.shape, img.min(), img.max())', ['data_exploration'], 'an array read from a file: its methods are not figure methods'],
    ['photo = plt.imread("cat.jpg")', ['data_loading']],
    ['pixels = img.reshape(-1, 3) / 255.0', ['feature_engineering']],
    ['plt.imsave("copy.png", photo)', { not: ['visualization'] }, 'writing an image file draws nothing'],
  ]);
});
