// Issue 13: every NLTK stemmer and lemmatizer, whichever module it is imported from, reduces words to the tokens that
// become features: feature_engineering, like PorterStemmer (before: SnowballStemmer was no recognised operation, other).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('building a stemmer is feature engineering', () => {
  assertPhases('stemmers.py', [
    'from nltk.stem import SnowballStemmer',
    'from nltk.stem.porter import PorterStemmer',
    'from nltk.stem.wordnet import WordNetLemmatizer',
    ["stemmer = SnowballStemmer('english')", ['feature_engineering']],
    ['porter = PorterStemmer()', ['feature_engineering']],
    ['lemmatizer = WordNetLemmatizer()', ['feature_engineering']],
  ]);
});
