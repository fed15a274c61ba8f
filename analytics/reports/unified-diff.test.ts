/** The code diff between runs (the `diff` package in labtrace's format): hunks, context, identical texts, final newlines. */
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

test('a missing final newline is a line of its own, with no "No newline" marker', () => {
  assert.equal(unifiedDiff('a\nb', 'a\nc', 'x', 'y'), ['--- x', '+++ y', '@@ -1,2 +1,2 @@', ' a', '-b', '+c', ''].join('\n'));
  assert.equal(unifiedDiff('a\n', 'a', 'x', 'y'), ['--- x', '+++ y', '@@ -1,2 +1,1 @@', ' a', '-', ''].join('\n'));
});

test('a file only in one run: every line added before the empty last line', () => {
  assert.equal(unifiedDiff('', 'p\nq\n', '/dev/null', 'new.py'), ['--- /dev/null', '+++ new.py', '@@ -1,1 +1,3 @@', '+p', '+q', ' ', ''].join('\n'));
});

test('the context width is honoured', () => {
  const a = Array.from({ length: 9 }, (_, i) => `l${i}`);
  const b = a.map((l, i) => (i === 4 ? 'x' : l));
  assert.equal(unifiedDiff(a.join('\n'), b.join('\n'), 'a', 'b', 1), ['--- a', '+++ b', '@@ -4,3 +4,3 @@', ' l3', '-l4', '+x', ' l5', ''].join('\n'));
});
