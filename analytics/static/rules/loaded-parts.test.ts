// Issue 13: a data set stacked from the files it was loaded from (fake, true = two read_csv; news = pd.concat([fake, true]))
// is loaded, not cleaned; train and test stacked to be processed at once stay data_cleaning.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('stacking the parts read from several files is loading; stacking the sides of a split is cleaning', () => {
  assertPhases('parts.py', [
    'import pandas as pd',
    'fake = pd.read_csv("Fake.csv")',
    'true = pd.read_csv("True.csv")',
    'fake["label"] = 1',
    'true["label"] = 0',
    ['news = pd.concat([fake, true], ignore_index=True)', ['data_loading']],
    'train = pd.read_csv("train.csv")',
    'test = pd.read_csv("test.csv")',
    ['all_data = pd.concat([train, test])', ['data_cleaning'], 'sides of a split joined for processing'],
    'print(news.shape, all_data.shape)',
  ]);
});
