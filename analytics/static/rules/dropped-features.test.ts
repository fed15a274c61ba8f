// Issue 13: helper features dropped once used (the Titanic workflow's AgeBand / FareBand after the ordinals replaced the
// values, SibSp / Parch / FamilySize once IsAlone was made in a loop over both frames) are feature selection, not cleaning.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const HEAD = [
  'import pandas as pd',
  "train_df = pd.read_csv('train.csv')",
  "test_df = pd.read_csv('test.csv')",
  'combine = [train_df, test_df]',
];

test('a band column made at top level and dropped after use is feature_engineering', () => {
  assertPhases('bands.py', [
    ...HEAD,
    "train_df['AgeBand'] = pd.cut(train_df['Age'], 5)",
    "train_df[['AgeBand', 'Survived']].groupby(['AgeBand'], as_index=False).mean()",
    ["train_df = train_df.drop(['AgeBand'], axis=1)", ['feature_engineering']],
    ["train_df = train_df.drop(['Ticket', 'Cabin'], axis=1)", ['data_cleaning'], 'nothing was made of these columns'],
  ]);
});

test('columns a loop over frames made features of, and the helper feature itself, dropped: feature_engineering', () => {
  assertPhases('family.py', [
    ...HEAD,
    'for dataset in combine:',
    "    dataset['FamilySize'] = dataset['SibSp'] + dataset['Parch'] + 1",
    'for dataset in combine:',
    "    dataset['IsAlone'] = 0",
    "    dataset.loc[dataset['FamilySize'] == 1, 'IsAlone'] = 1",
    ["train_df = train_df.drop(['Parch', 'SibSp', 'FamilySize'], axis=1)", ['feature_engineering']],
    ["test_df = test_df.drop(['Parch', 'SibSp', 'FamilySize'], axis=1)", ['feature_engineering']],
  ]);
});
