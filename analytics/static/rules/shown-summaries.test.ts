// Issue 13: texts split and measured only inside a summary that a statement shows
// (df['text'].str.split().str.len().describe()) are a look at the data, not features kept; a summary handed to a
// fill (df.x.fillna(df.x.median(), inplace=True)) is not what the statement shows: that stays cleaning.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('lengths of texts summarised and shown are data_exploration', () => {
  assertPhases('lengths.py', [
    'import pandas as pd',
    'df = pd.read_csv("complaints.csv")',
    ['df["narrative"].str.split().str.len().describe()', ['data_exploration']],
    ['print(f"Average words: {df[\'narrative\'].str.split().str.len().mean():.1f}")', ['data_exploration']],
    ['df["narrative"].str.split().str.len().value_counts().head()', ['data_exploration']],
    ['df["n_words"] = df["narrative"].str.split().str.len()', ['feature_engineering'], 'kept as a column'],
    ['df["age"].fillna(df["age"].median(), inplace=True)', ['data_cleaning'], 'the median is handed to the fill'],
  ]);
});
