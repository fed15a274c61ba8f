// Issue 13: a top-level loop with no recognised work of its own over features made before (a tokenizer's vocabulary)
// fills an embedding matrix for them: feature_engineering, and so is the matrix it fills (an accumulator).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('an embedding matrix filled by a loop over the word index of a tokenizer is feature engineering', () => {
  assertPhases('glove.py', [
    'import numpy as np',
    'from tensorflow.keras.preprocessing.text import Tokenizer',
    'tokenizer = Tokenizer(num_words=20000)',
    'tokenizer.fit_on_texts(texts)',
    'word_index = tokenizer.word_index',
    'vectors = {"the": np.ones(100)}',
    ['embedding_matrix = np.zeros((20000, 100))', ['feature_engineering'], 'filled by the loop below'],
    ['for word, i in word_index.items():', ['feature_engineering']],
    '    vector = vectors.get(word)',
    '    if vector is not None:',
    '        embedding_matrix[i] = vector',
    ['for k in range(3):', ['other'], 'a loop over nothing made before keeps no phase'],
    '    print(k)',
  ]);
});
