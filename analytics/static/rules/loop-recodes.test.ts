// Issue 13 (Titanic-style kernels): a loop over frames that derives a column and recodes it in the same body goes on
// making the feature; a loop recoding a column it did not derive keeps the cleaning reading.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a title extracted from the name and recoded in the same loop over frames is feature engineering', () => {
  assertPhases('titles.py', [
    'import pandas as pd',
    'train = pd.read_csv("train.csv")',
    'test = pd.read_csv("test.csv")',
    'full_data = [train, test]',
    ['for dataset in full_data:', ['feature_engineering']],
    "    dataset['Title'] = dataset['Name'].str.extract(' ([A-Za-z]+)\\\\.', expand=False)",
    "    dataset['Title'] = dataset['Title'].replace(['Lady', 'Countess', 'Dr'], 'Rare')",
    "    dataset['Title'] = dataset['Title'].replace({'Mlle': 'Miss', 'Ms': 'Miss'})",
    ['for dataset in full_data:', ['data_cleaning'], 'a column loaded, not derived here: its values fixed'],
    "    dataset['Embarked'] = dataset['Embarked'].replace({'s': 'S', 'c': 'C'})",
  ]);
});

test('a later loop recoding a feature an earlier loop made goes on making it; one that also fills gaps still cleans', () => {
  assertPhases('later_recode.py', [
    'import pandas as pd',
    "train = pd.read_csv('train.csv')",
    "test = pd.read_csv('test.csv')",
    'combine = [train, test]',
    'for dataset in combine:',
    "    dataset['Title'] = dataset.Name.str.extract(' ([A-Za-z]+)\\\\.', expand=False)",
    ['for dataset in combine:', ['feature_engineering'], 'rare titles merged: the title feature, not a fix'],
    "    dataset['Title'] = dataset['Title'].replace(['Lady', 'Countess', 'Capt'], 'Rare')",
    "    dataset['Title'] = dataset['Title'].replace({'Mlle': 'Miss', 'Ms': 'Miss'})",
    ['for dataset in combine:', { not: ['feature_engineering'] }, 'gaps of the raw column filled: cleaning'],
    "    dataset['Embarked'] = dataset['Embarked'].fillna('S')",
  ]);
});
