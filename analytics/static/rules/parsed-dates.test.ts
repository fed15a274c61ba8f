// Issue 13: parsing data into its type (pd.to_datetime, pd.to_numeric) is cleaning, also into a new column built from
// text (df['dt'] = pd.to_datetime(df['Date'] + ' ' + df['Time'])); a date part derived from a parse is a feature, the
// parse serving it; a column rewritten in its own unit (runners[col] = pd.to_timedelta(runners[col]).dt.total_seconds())
// keeps the cleaning.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a parse into a new column is data_cleaning; a date part derived from a parse is feature_engineering', () => {
  assertPhases('dates.py', [
    'import pandas as pd',
    'df = pd.read_csv("power.txt", sep=";")',
    ['df["dt"] = pd.to_datetime(df["Date"] + " " + df["Time"], dayfirst=True)', ['data_cleaning'], 'was a new column computed: feature_engineering'],
    ['df["doy"] = pd.to_datetime(df[["YEAR", "MONTH", "DAY"]]).dt.dayofyear', ['feature_engineering'], 'was also data_cleaning'],
    ['df["t"] = pd.to_timedelta(df["t"], errors="coerce").dt.total_seconds() / 60', ['feature_engineering', 'data_cleaning']],
  ]);
});
