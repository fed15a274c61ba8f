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

test('stacking files read in place is loading only', () => {
  assertPhases('months.py', [
    'import pandas as pd',
    ["uber = pd.concat([pd.read_csv(f'uber-{m}.csv') for m in ['apr', 'may']], ignore_index=True)", ['data_loading']],
    ["both = pd.concat([pd.read_csv('a.csv'), pd.read_csv('b.csv')])", ['data_loading']],
    'print(uber.shape, both.shape)',
  ]);
});
