// Issue 13: a list of strings used to pick rows of a table by label (crosstab(...).loc[order]) names rows, not
// columns: it stays a plain constant (other), not a selection of features (labeller/expr.ts).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('weekday names used as row labels of a crosstab are a constant, column names picked stay feature selection', () => {
  assertPhases('weekdays.py', [
    'import pandas as pd',
    'df = pd.read_csv("accidents.csv")',
    ['order = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]', ['other'], 'row labels'],
    'df["Weekday"].value_counts().reindex(order).plot(kind="bar")',
    'pd.crosstab(df["Weekday"], df["Severity"]).loc[order].style.background_gradient(axis=1)',
    ['keep = ["Severity", "Distance", "Hour"]', ['feature_engineering'], 'columns picked from the data'],
    'X = df.loc[:, keep]',
    'Z = df[keep]',
  ]);
});
