// Issue 13 (knowledge base): Keras' Tokenizer (fit_on_texts, texts_to_sequences) and pad_sequences make features,
// like scikit-learn's text vectorisers and torchvision's transforms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../index.js';
import { phasesAt } from '../../../test/support/phases-at.js';

test('Keras Tokenizer, pad_sequences, TfidfVectorizer, CountVectorizer and torchvision transforms are feature engineering', () => {
  const src = [
    'import pandas as pd',
    'from tensorflow.keras.preprocessing.text import Tokenizer',
    'from tensorflow.keras.preprocessing.sequence import pad_sequences',
    'from sklearn.feature_extraction.text import TfidfVectorizer, CountVectorizer',
    'import torchvision.transforms as T',
    'reviews = pd.read_csv("reviews.csv")',
    'tok = Tokenizer(num_words=20000, oov_token="<oov>")', // 7
    'tok.fit_on_texts(reviews["review"])', // 8
    'seqs = tok.texts_to_sequences(reviews["review"])', // 9
    'padded = pad_sequences(seqs, maxlen=200)', // 10
    'X_tfidf = TfidfVectorizer(max_features=5000).fit_transform(reviews["review"])', // 11
    'X_counts = CountVectorizer().fit_transform(reviews["review"])', // 12
    'tf = T.Compose([T.Resize(224), T.ToTensor()])', // 13
  ].join('\n');
  const a = analyzeSource(src, 'text.py');
  for (const line of [7, 8, 9, 10, 11, 12, 13]) assert.deepEqual(phasesAt(a, line), ['feature_engineering'], `line ${line}`);
});
