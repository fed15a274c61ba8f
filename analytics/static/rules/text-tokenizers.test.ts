// Issue 13 (knowledge base): Keras' Tokenizer (fit_on_texts, texts_to_sequences) and pad_sequences make features,
// like scikit-learn's text vectorisers and torchvision's transforms.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('Keras Tokenizer, pad_sequences, TfidfVectorizer, CountVectorizer and torchvision transforms are feature engineering', () => {
  assertPhases('text.py', [
    'import pandas as pd',
    'from tensorflow.keras.preprocessing.text import Tokenizer',
    'from tensorflow.keras.preprocessing.sequence import pad_sequences',
    'from sklearn.feature_extraction.text import TfidfVectorizer, CountVectorizer',
    'import torchvision.transforms as T',
    'reviews = pd.read_csv("reviews.csv")',
    ['tok = Tokenizer(num_words=20000, oov_token="<oov>")', ['feature_engineering']],
    ['tok.fit_on_texts(reviews["review"])', ['feature_engineering']],
    ['seqs = tok.texts_to_sequences(reviews["review"])', ['feature_engineering']],
    ['padded = pad_sequences(seqs, maxlen=200)', ['feature_engineering']],
    ['X_tfidf = TfidfVectorizer(max_features=5000).fit_transform(reviews["review"])', ['feature_engineering']],
    ['X_counts = CountVectorizer().fit_transform(reviews["review"])', ['feature_engineering']],
    ['tf = T.Compose([T.Resize(224), T.ToTensor()])', ['feature_engineering']],
  ]);
});
