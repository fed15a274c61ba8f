// Issue 13: ranges of a numeric column replaced in place by integer codes (the Titanic kernels' age bands,
// dataset.loc[dataset['Age'] <= 16, 'Age'] = 0) are an encoding: feature_engineering; other masked writes (a sentinel
// set missing, a value capped at its bound, a value picked by equality) stay data_cleaning.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('coding the ranges of a column in place is feature engineering', () => {
  assertPhases('bands.py', [
    'import numpy as np',
    'import pandas as pd',
    'train_df = pd.read_csv("train.csv")',
    'test_df = pd.read_csv("test.csv")',
    'combine = [train_df, test_df]',
    ['for dataset in combine:', ['feature_engineering']],
    '    dataset.loc[dataset["Age"] <= 16, "Age"] = 0',
    '    dataset.loc[(dataset["Age"] > 16) & (dataset["Age"] <= 32), "Age"] = 1',
    '    dataset.loc[dataset["Age"] > 32, "Age"] = 2',
    ["train_df.loc[train_df['Fare'] <= 7.91, 'Fare'] = 0", ['feature_engineering']],
    ['train_df.loc[train_df["age"] > 110, "age"] = np.nan', ['data_cleaning'], 'an outlier set missing'],
    ['train_df.loc[train_df["x"] > 100, "x"] = 100', ['data_cleaning'], 'a value capped at its bound'],
    ['train_df.loc[train_df["x"] == 99, "x"] = 0', ['data_cleaning'], 'a sentinel replaced'],
  ]);
});
