// Issue 13: a helper rewriting its text argument with string operations cleans text, whatever its name and whatever
// the statement applying it writes; a helper deriving a number from the text does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPhases } from '../../../test/support/phases-at.js';
import { parseChunks } from '../ir.js';
import { isTextRewriter } from './text-helpers.js';

test('a text-normalising helper and the new column applying it are data_cleaning', () => {
  assertPhases('news.py', [
    'import re',
    'import pandas as pd',
    'news = pd.read_json("news.json")',
    ['def normalise(text):', ['data_cleaning'], 'the name alone says scaling (feature_engineering)'],
    '    text = text.lower()',
    '    text = re.sub(r"[^a-z0-9 ]", " ", text)',
    '    return re.sub(r"\\s+", " ", text).strip()',
    ['news["text"] = news["headline"].apply(normalise)', ['data_cleaning'], 'was a new column derived: feature_engineering'],
  ]);
});

test('only helpers returning the text rewritten are text cleaners', () => {
  const fn = (src: string) => {
    const s = parseChunks(src)[0]!.stmts[0]!.s;
    assert.equal(s.k, 'def');
    return s.k === 'def' ? isTextRewriter(s.params, s.body) : false;
  };
  assert.equal(fn('def f(t):\n    words = [w for w in t.split() if w not in stop]\n    return " ".join(words)\n'), true);
  assert.equal(fn('def f(t):\n    t = t.translate(table)\n    return t\n'), true);
  assert.equal(fn('def f(t):\n    for a, b in TABLE.items():\n        t = t.replace(a, b)\n    return t\n'), true, 'a loop of rewrites');
  assert.equal(fn('def f(t):\n    for w in t.split():\n        n = len(w)\n    return t\n'), false);
  assert.equal(fn('def f(t):\n    t = t.lower()\n    n = len(t.split())\n    return n\n'), false);
  assert.equal(fn('def f(t):\n    return len(t.split())\n'), false);
  assert.equal(fn('def f(t):\n    return int("http" in t.lower())\n'), false);
});

test('a helper replacing the entries of a table in a loop, and the table, are data_cleaning', () => {
  assertPhases('contractions.py', [
    'import pandas as pd',
    'df = pd.read_csv("reviews.csv")',
    ['CONTRACTIONS = {"can\'t": "can not", "won\'t": "will not"}', ['data_cleaning'], 'was other: a constant'],
    ['def expand_contractions(text):', ['data_cleaning'], 'was feature_engineering (called for a new column)'],
    '    for short, full in CONTRACTIONS.items():',
    '        text = text.replace(short, full)',
    '    return text',
    ['df["clean"] = df["review"].apply(expand_contractions)', ['data_cleaning']],
  ]);
});

test('a stop-word list read for a cleaning helper is data_cleaning', () => {
  assertPhases('stopwords.py', [
    'import re',
    'import pandas as pd',
    'from nltk.corpus import stopwords',
    'df = pd.read_csv("reviews.csv")',
    ['stop_words = set(stopwords.words("english"))', ['data_cleaning'], 'was feature_engineering (knowledge base)'],
    'def clean(text):',
    '    text = re.sub(r"[^a-z ]", " ", text.lower())',
    '    return " ".join(w for w in text.split() if w not in stop_words)',
    'df["clean"] = df["review"].apply(clean)',
  ]);
});
