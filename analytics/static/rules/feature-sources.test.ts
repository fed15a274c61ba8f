// Issue 13: a column dropped once a feature was derived from it (df['hour'] = df['Time'] // 3600, then
// df.drop(columns=['Time'])) ends that feature engineering; dropping columns nothing was made from stays cleaning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases } from '../../../test/support/phases-at.js';
import { droppedColumns, topDrop } from './feature-sources.js';
import { parseChunks } from '../ir.js';

test('dropping the raw columns a feature was made from is feature_engineering; other drops stay data_cleaning', () => {
  assertPhases('fraud.py', [
    'import numpy as np',
    'import pandas as pd',
    'cc = pd.read_csv("creditcard.csv")',
    'cc = cc.drop(columns=["Unnamed: 0"])',
    ['cc["hour"] = (cc["Time"] // 3600) % 24', ['feature_engineering']],
    ['cc["wind_x"] = cc["wind"] * np.cos(cc["angle"])', ['feature_engineering']],
    ['cc = cc.drop(columns=["Time"])', ['feature_engineering'], 'Time was replaced by the hour made from it'],
    ['cc.drop(["wind", "angle"], axis=1, inplace=True)', ['feature_engineering']],
    ['cc.drop(["id", "angle"], axis=1, inplace=True)', ['data_cleaning', 'feature_engineering'], 'drops a source and a useless column'],
    ['cc = cc.drop(columns=["customerID"])', ['data_cleaning'], 'nothing was made from customerID'],
    'print(cc.head())',
  ]);
});

test('droppedColumns reads columns=..., or the first argument with axis=1 / axis="columns"; rows are not columns', () => {
  const drop = (code: string): string[] => {
    const st = parseChunks(code)[0]!.stmts[0]!.s;
    const d = topDrop(st);
    return d ? droppedColumns(d) : [];
  };
  assert.deepEqual(drop('df = df.drop(columns=["a", "b"])'), ['a', 'b']);
  assert.deepEqual(drop('df.drop("a", axis=1, inplace=True)'), ['a']);
  assert.deepEqual(drop('df = df.drop(["a"], axis="columns").reset_index()'), ['a']);
  assert.deepEqual(drop('df = df.drop(df[df.x > 3].index)'), []);
});

test('a column made as a feature and then recoded from itself goes on making the feature; an original column recoded is cleaning', () => {
  assertPhases('titles.py', [
    'import pandas as pd',
    'df = pd.read_csv("train.csv")',
    ['df["Title"] = df["Name"].str.extract(r" ([A-Za-z]+)\\.", expand=False)', ['feature_engineering']],
    ['df["Title"] = df["Title"].replace({"Mlle": "Miss", "Ms": "Miss", "Mme": "Mrs"})', ['feature_engineering'], 'titles merged'],
    ['df["Sex"] = df["Sex"].replace({"m": "male"})', ['data_cleaning'], 'a raw column fixed'],
    'print(df.head())',
  ]);
});

test('columns joined side by side to dummies made before are the feature table; frames stacked stay cleaning', () => {
  assertPhases('joined.py', [
    'import pandas as pd',
    'cars = pd.read_csv("cars.csv")',
    'test = pd.read_csv("test.csv")',
    'num_cols = ["mileage", "year"]',
    ['dummies = pd.get_dummies(cars["fuel"], prefix="fuel")', ['feature_engineering']],
    ['X = pd.concat([cars[num_cols], dummies], axis=1)', ['feature_engineering'], 'dummies joined to the numeric columns'],
    ['both = pd.concat([cars, test], axis=0)', ['data_cleaning'], 'rows of two frames stacked'],
    'print(X.shape, both.shape)',
  ]);
});
