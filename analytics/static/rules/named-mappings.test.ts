// Issue 13: a mapping of categories to numbers bound to a name first (title_mapping = {"Mr": 1, ...}, then
// dataset['Title'] = dataset['Title'].map(title_mapping) in a loop over both frames, the Titanic workflow's way) is the
// same encoding as a dict literal in the call, not a column rewritten in place (cleaning).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const HEAD = ['import pandas as pd', "train = pd.read_csv('train.csv')", "test = pd.read_csv('test.csv')", 'combine = [train, test]'];

test('a column recoded through a named dict of numbers in a loop over frames is feature_engineering', () => {
  assertPhases('named_map.py', [
    ...HEAD,
    'title_mapping = {"Mr": 1, "Miss": 2, "Mrs": 3, "Master": 4, "Rare": 5}',
    ['for dataset in combine:', ['feature_engineering']],
    "    dataset['Title'] = dataset['Title'].map(title_mapping)",
  ]);
});

test('a column rewritten through a named dict of strings stays a fix of its values', () => {
  assertPhases('named_fix.py', [
    ...HEAD,
    "fixes = {'Mlle': 'Miss', 'Ms': 'Miss'}",
    ['for dataset in combine:', ['data_cleaning']],
    "    dataset['Title'] = dataset['Title'].map(fixes)",
  ]);
});
