// Issue 13: a table coloured by its values (df.corr().style.background_gradient(), .style.bar(), highlight_max) is a
// figure of the data, Visualization in the notebook benchmarks; a table only formatted (.style.format) is still looked at.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a styled table coloured by its values is visualization; one only formatted stays data_exploration', () => {
  assertPhases('styled.py', [
    'import pandas as pd',
    'df = pd.read_csv("water.csv")',
    ['df.corr().style.background_gradient(cmap="coolwarm")', ['visualization']],
    ['df.groupby("kind").mean().style.background_gradient(cmap="Blues").format("{:.2f}")', ['visualization']],
    ['df.describe().T.style.bar(subset=["mean"], color="salmon")', ['visualization']],
    ['df.describe().style.format("{:.2f}")', ['data_exploration']],
  ]);
});
