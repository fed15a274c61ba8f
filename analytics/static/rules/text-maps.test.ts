// Issue 13: a column whose strings are rewritten one by one through map (`.map(lambda x: x.strip())`, `.map(str.lower)`)
// is cleaned, not recoded: data_cleaning, while a dict recoding or a lambda deriving something else stays feature_engineering.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('strings rewritten through map are cleaning', () => {
  assertPhases('text_maps.py', [
    'import pandas as pd',
    'data = pd.read_csv("countries of the world.csv")',
    ['data.country = data.country.map(lambda x: x.strip())', ['data_cleaning']],
    ["data['city'] = data['city'].map(lambda s: s.lower().replace('-', ' '))", ['data_cleaning']],
    ["data['name'] = data['name'].map(str.strip)", ['data_cleaning']],
    ["data['size'] = data['size'].map({'S': 0, 'M': 1, 'L': 2})", ['feature_engineering']],
    ["data['initial'] = data['name'].map(lambda s: s[0])", ['feature_engineering']],
  ]);
});
