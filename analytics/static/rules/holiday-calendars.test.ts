// Issue 13: a holiday calendar and the holidays it lists are read to flag dates (df['holiday'] = df.index.isin(holidays)):
// feature_engineering (before: holidays = USFederalHolidayCalendar().holidays(...) was no recognised operation, other).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('the holidays listed for a date feature are feature engineering', () => {
  assertPhases('holidays.py', [
    'import numpy as np',
    'import pandas as pd',
    'from pandas.tseries.holiday import USFederalHolidayCalendar',
    'df = pd.read_csv("rides.csv", parse_dates=["ts"], index_col="ts")',
    ["holidays = USFederalHolidayCalendar().holidays(start='2014-04-01', end='2014-09-30')", ['feature_engineering']],
    ["df['holiday'] = df.index.normalize().isin(holidays).astype(int)", ['feature_engineering']],
  ]);
});
