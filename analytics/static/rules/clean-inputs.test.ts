// Issue 13: statistics, tables and constants computed only to clean the data are data_cleaning (def-use), whatever
// they look like alone (a quantile, a z-score, value counts, a compiled regex).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases } from '../../../test/support/phases-at.js';
import { isCleaningConstant, isStatistic } from './clean-inputs.js';
import { parseChunks } from '../ir.js';

const HEAD = ['import re', 'import numpy as np', 'import pandas as pd', 'from scipy import stats', 'df = pd.read_csv("houses.csv")'];

test('IQR bounds, a z-score and counts used only to filter rows are data_cleaning, through their chain', () => {
  assertPhases('outliers.py', [
    ...HEAD,
    ['q1 = df["area"].quantile(0.25)', ['data_cleaning']],
    ['q3 = df["area"].quantile(0.75)', ['data_cleaning']],
    ['iqr = q3 - q1', ['data_cleaning']],
    ['lower, upper = q1 - 1.5 * iqr, q3 + 1.5 * iqr', ['data_cleaning']],
    ['print("outliers", ((df["area"] < lower) | (df["area"] > upper)).sum())', ['data_exploration'], 'showing the bounds neither makes nor spoils them'],
    ['df = df[(df["area"] >= lower) & (df["area"] <= upper)]', ['data_cleaning']],
    ['z = np.abs(stats.zscore(df["lot"]))', ['data_cleaning']],
    ['df = df[z < 3]', ['data_cleaning']],
    ['counts = df["seller"].value_counts()', ['data_cleaning']],
    ['df = df[df["seller"].isin(counts[counts >= 20].index)]', ['data_cleaning']],
  ]);
});

test('a compiled regex read only by a cleaning helper is data_cleaning', () => {
  assertPhases('text.py', [
    ...HEAD,
    ['URL_RE = re.compile(r"https?://\\S+")', ['data_cleaning']],
    'def clean(text):',
    '    text = URL_RE.sub(" ", text.lower())',
    '    return re.sub(r"\\s+", " ", text).strip()',
    ['df["clean"] = df["text"].apply(clean)', ['data_cleaning']],
  ]);
});

test('limits: a statistic also used to derive features, or only shown, keeps its phase', () => {
  assertPhases('limits.py', [
    ...HEAD,
    ['mean_price = df["price"].mean()', { not: ['data_cleaning'] }, 'read by a feature as well as by a cleaning step'],
    'df["price"] = df["price"].fillna(mean_price)',
    'df["rel_price"] = df["price"] / mean_price',
    ['top = df["city"].value_counts()', ['data_exploration'], 'only shown: nothing cleans with it'],
    'print(top)',
    ['skew = df.select_dtypes("number").skew().abs()', { not: ['data_cleaning'] }, 'a new name derived from it is not cleaning the data'],
    'skewed = skew[skew > 0.75].index',
    'df[skewed] = np.log1p(df[skewed])',
  ]);
});

test('isStatistic and isCleaningConstant: reductions and arithmetic on them; replacement tables and re.compile', () => {
  const value = (code: string) => {
    const s = parseChunks(`v = ${code}`)[0]!.stmts[0]!.s;
    assert.ok(s.k === 'assign' && s.value);
    return s.value;
  };
  const cand = (n: string) => n === 'q1' || n === 'q3';
  for (const c of ['df.x.quantile(0.9)', 'q3 - q1', 'q1 - 1.5 * (q3 - q1)', 'np.abs(stats.zscore(df.x))', 's.mode()[0]', '(q1, q3)']) assert.ok(isStatistic(value(c), cand), c);
  for (const c of ['df[df.x > 0]', 'df.x * 2', 'other - q1', 'df.drop(columns=["a"])', 'np.log(df.x)']) assert.ok(!isStatistic(value(c), cand), c);
  for (const c of ['{"can\'t": "can not"}', 're.compile(r"\\d+")']) assert.ok(isCleaningConstant(value(c)), c);
  for (const c of ['{"a": 1}', '["a", "b"]', 're.sub("a", "b", s)']) assert.ok(!isCleaningConstant(value(c)), c);
});
