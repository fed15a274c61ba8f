// Issue 13 (Titanic-style kernels): a column created as a constant and then set where a condition holds is a flag
// built in two steps (feature engineering); replacing values of an existing column where a condition holds cleans it.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const PRELUDE = [
  'import pandas as pd',
  'train = pd.read_csv("train.csv")',
  'test = pd.read_csv("test.csv")',
  'full_data = [train, test]',
];

test('a constant column set to another value where a condition holds is a flag feature, at top level and in a loop', () => {
  assertPhases('flags.py', [
    ...PRELUDE,
    "train['FamilySize'] = train['SibSp'] + train['Parch'] + 1",
    "train['IsAlone'] = 0",
    ["train.loc[train['FamilySize'] == 1, 'IsAlone'] = 1", ['feature_engineering']],
    ['for dataset in full_data:', ['feature_engineering']],
    "    dataset['HasCabin'] = 1",
    "    dataset.loc[dataset['Cabin'].isnull(), 'HasCabin'] = 0",
  ]);
});

test('values of an existing column replaced where a condition holds are still cleaning', () => {
  assertPhases('replace.py', [
    ...PRELUDE,
    ["train.loc[train['Age'] < 0, 'Age'] = 0", ['data_cleaning']],
    ["train.loc[train['Fare'] > 500, 'Fare'] = 500", ['data_cleaning']],
  ]);
});
