// Issue 13 ("dealing with imbalanced datasets" kernels): scaled columns put first with df.insert(0, 'scaled_amount',
// scaler.fit_transform(df['Amount'].values.reshape(-1, 1))) are features made from Amount, as df['scaled_amount'] = ...
// would be; dropping the originals afterwards ends making them (rules/feature-sources.ts), it cleans nothing.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('the columns inserted scaled features were made from, dropped afterwards, are feature engineering', () => {
  assertPhases('inserted_columns.py', [
    'import pandas as pd',
    'from sklearn.preprocessing import RobustScaler',
    'df = pd.read_csv("creditcard.csv")',
    'rob_scaler = RobustScaler()',
    ["df.insert(0, 'scaled_amount', rob_scaler.fit_transform(df['Amount'].values.reshape(-1, 1)))", ['feature_engineering']],
    "df.insert(1, 'scaled_time', rob_scaler.fit_transform(df['Time'].values.reshape(-1, 1)))",
    ["df = df.drop(['Time', 'Amount'], axis=1)", ['feature_engineering'], 'the sources of the inserted features dropped'],
    ["df = df.drop(['Unnamed: 0'], axis=1)", ['data_cleaning'], 'a column no feature was made from: cleaning'],
  ]);
});
