/**
 * Incremental labelling (statement memo, see Analyzer.topLevel) must give exactly the result of a fresh analysis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeSource, clearChunkCache, toJsonObject } from './index.js';

const fresh = (src: string, file: string): unknown => {
  clearChunkCache();
  return toJsonObject(analyzeSource(src, file));
};
const warm = (src: string, file: string): unknown => toJsonObject(analyzeSource(src, file));

const BASE = `import pandas as pd
import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.preprocessing import StandardScaler
df = pd.read_csv("data.csv")
df.head()
X = df.drop(columns=["y"])
y = df["y"]
model = LinearRegression()
model.fit(X, y)
preds = model.predict(X)
print(np.mean(np.abs(preds - y)))
for c in ["a", "b"]:
    df[c] = df[c].fillna(0)
params = {"alpha": [0.1, 1.0]}
`;

test('an edit that changes what a later statement reads is re-analysed, not replayed', () => {
  warm(BASE, 'a.py');
  const edits = [
    BASE.replace('model = LinearRegression()', 'model = StandardScaler()'),
    BASE.replace('df = pd.read_csv("data.csv")', 'df = 3'),
    BASE.replace('import numpy as np', 'from numpy import *'),
    BASE.replace('import numpy as np', 'from math import *'),
    'x_line = 1\n' + BASE,
    BASE.replace('preds = model.predict(X)', 'preds = df.describe()'),
  ];
  for (const e of edits) {
    const w = warm(e, 'a.py');
    assert.deepEqual(w, fresh(e, 'a.py'));
    assert.deepEqual(warm(BASE, 'a.py'), fresh(BASE, 'a.py'));
  }
});

test('re-analysing the labelled corpus warm gives the fresh result', () => {
  const dir = new URL('../../../test/corpus/phases/', import.meta.url);
  for (const f of ['titanic_feature_crosses_model_zoo.ipynb', 'listing1_handwritten_logreg.py', 'house_prices_xgb_lgbm_blend.ipynb']) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    const a = fresh(text, f);
    analyzeSource(text, f);
    assert.deepEqual(warm(text, f), a);
  }
});
