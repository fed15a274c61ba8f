/** The code diff between runs: hunks, context, identical texts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from './unified-diff.js';

test('identical texts give no diff', () => {
  assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', 'x', 'y'), '');
});

test('an added feature line shows as one hunk with context', () => {
  const before = ['import pandas as pd', 'df = pd.read_csv("a.csv")', 'X = df[["size"]]', 'model.fit(X, y)', ''].join('\n');
  const after = ['import pandas as pd', 'df = pd.read_csv("a.csv")', 'df["dist"] = dist(df)', 'X = df[["size", "dist"]]', 'model.fit(X, y)', ''].join('\n');
  const d = unifiedDiff(before, after, 'bob.py', 'alice.py');
  assert.equal(d, [
    '--- bob.py', '+++ alice.py', '@@ -1,5 +1,6 @@', ' import pandas as pd', ' df = pd.read_csv("a.csv")', '-X = df[["size"]]',
    '+df["dist"] = dist(df)', '+X = df[["size", "dist"]]', ' model.fit(X, y)', ' ', '',
  ].join('\n'));
});

test('distant changes make separate hunks', () => {
  const a = Array.from({ length: 30 }, (_, i) => `line ${i}`);
  const b = [...a];
  b[2] = 'changed 2';
  b[25] = 'changed 25';
  const d = unifiedDiff(a.join('\n'), b.join('\n'), 'a', 'b');
  assert.equal(d.match(/^@@/gm)?.length, 2);
  assert.match(d, /^-line 2$/m);
  assert.match(d, /^\+changed 25$/m);
});
