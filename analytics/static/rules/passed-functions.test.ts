// Issue 13 (helpers passed as values): a user function handed to a call (`df['age'].apply(fage)`,
// `df.apply(clean_row, axis=1)`, `map(f, xs)`, `sorted(xs, key=f)`) is called by it: its summary flows to the call
// site, and a helper with no phase of its own takes the phase of the statement that hands it over.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a user function passed to map, sorted or apply lends its phases to the call site', () => {
  assertPhases('passed.py', [
    'import pandas as pd',
    'df = pd.read_csv("people.csv")',
    'def bucket(x):',
    '    return pd.cut(x, [0, 18, 65, 120])',
    'def fix_name(r):',
    '    r["name"] = r["name"].strip().lower()',
    '    return r',
    'def count_missing(c):',
    '    return df[c].isnull().sum()',
    ['groups = list(map(bucket, df["age"]))', ['feature_engineering']],
    ['worst = sorted(df.columns, key=count_missing)', ['data_exploration']],
    ['df = df.apply(fix_name, axis=1)', ['data_cleaning']],
  ]);
});

test('a phaseless helper handed to apply inside a cleaning statement is cleaning', () => {
  assertPhases('fage.py', [
    'import numpy as np',
    'import pandas as pd',
    'train = pd.read_csv("train.csv")',
    'table = train.pivot_table(values="LoanAmount", index="Self_Employed", columns="Education", aggfunc=np.median)',
    ['def fage(x):', ['data_cleaning']],
    '    return table.loc[x["Self_Employed"], x["Education"]]',
    ['train["LoanAmount"] = train["LoanAmount"].fillna(train[train["LoanAmount"].isnull()].apply(fage, axis=1))', ['data_cleaning']],
  ]);
});
