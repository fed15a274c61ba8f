// Issue 13: a data set filtered by a condition on values computed inside the mask (`df = df[df.text.str.len() > 50]`)
// is cleaning: the lengths, word counts or dates computed there only decide which rows stay, they make no column.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('values computed inside a row filter of the data set itself do not make it feature engineering', () => {
  assertPhases('filters.py', [
    'import pandas as pd',
    'jobs = pd.read_csv("jobs.csv")',
    ['jobs = jobs[jobs["description"].str.len() > 50]', ['data_cleaning']],
    ['jobs = jobs.loc[jobs["title"].str.split().str.len() >= 2]', ['data_cleaning']],
    ['jobs["n_words"] = jobs["description"].str.split().str.len()', ['feature_engineering']],
  ]);
});
