// Issue 13: pandas summaries (idxmax, groupby means, head) of a model's results (a profile of the clusters found,
// a frame of true and predicted classes) look at what the model does: model_evaluation; the same summaries of the
// data stay data_exploration.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('summaries of evaluation tables are not data exploration', () => {
  assertPhases('results.py', [
    'import pandas as pd',
    'from sklearn.cluster import KMeans',
    'df = pd.read_csv("countries.csv")',
    ['df["income"].idxmax()', ['data_exploration'], 'a summary of the data'],
    'km = KMeans(n_clusters=3).fit(df[["income", "gdpp"]])',
    'df["cluster"] = km.labels_',
    ['profile = df.groupby("cluster")[["income", "gdpp"]].mean()', ['model_evaluation']],
    ['richest = profile["income"].idxmax()', ['model_evaluation']],
  ]);
});
