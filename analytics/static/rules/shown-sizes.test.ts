// Issue 13: the size of a value shown while it is being made (print(len(word_index)) after fitting a tokenizer) looks
// at the work that made it, as print(word_index) does; sizes of data sets stay data_exploration.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('the size of a value made by feature engineering, shown, is feature engineering', () => {
  assertPhases('sizes.py', [
    'import pandas as pd',
    'from tensorflow.keras.preprocessing.text import Tokenizer',
    'df = pd.read_csv("reviews.csv")',
    'tokenizer = Tokenizer(num_words=20000)',
    'tokenizer.fit_on_texts(df["text"])',
    'word_index = tokenizer.word_index',
    ["print('unique tokens:', len(word_index))", ['feature_engineering']],
    ["print(f'vocabulary: {len(word_index)} words')", ['feature_engineering']],
    ['len(word_index)', ['feature_engineering']],
    ['print(len(df))', ['data_exploration'], 'the size of a data set is looked at'],
  ]);
});
