// Issue 13 (stacking tutorials): pandas methods run on a frame of predictions inside the statement that draws them
// prepare the figure (visualization); outside a figure they keep the phase of the predictions they read.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const PRELUDE = [
  'import pandas as pd',
  'import seaborn as sns',
  'import plotly.graph_objs as go',
  'import plotly.offline as py',
  'from sklearn.ensemble import RandomForestClassifier, ExtraTreesClassifier',
  'df = pd.read_csv("train.csv")',
  'X = df.drop("y", axis=1)',
  'y = df["y"]',
  'rf = RandomForestClassifier().fit(X, y)',
  'et = ExtraTreesClassifier().fit(X, y)',
  'base = pd.DataFrame({"rf": rf.predict(X), "et": et.predict(X)})',
];

test('the correlation of first-level predictions computed inside the plotting call is the figure', () => {
  assertPhases('stacking_heatmap.py', [
    ...PRELUDE,
    ['data = [go.Heatmap(z=base.astype(float).corr().values, x=base.columns.values, colorscale="Viridis")]', ['visualization']],
    'py.iplot(data)',
    ['sns.heatmap(base.corr(), annot=True)', ['visualization']],
    ['corr = base.corr()', ['prediction'], 'outside a figure the predictions keep their phase'],
    'print(corr)',
  ]);
});
