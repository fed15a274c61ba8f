// Issue 13: entries picked by a ranking of a model's scores (the words with the largest coefficients) show what the
// model learnt: printing them is model_evaluation, not a look at the data (labeller/expr.ts, subscripts).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('vocabulary entries ranked by coefficients are model evaluation when shown', () => {
  assertPhases('top_words.py', [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.feature_extraction.text import TfidfVectorizer',
    'from sklearn.linear_model import LogisticRegression',
    'docs = pd.read_csv("reviews.csv")',
    'tfidf = TfidfVectorizer()',
    'X = tfidf.fit_transform(docs["text"])',
    'clf = LogisticRegression().fit(X, docs["label"])',
    'vocab = np.array(tfidf.get_feature_names_out())',
    'order = np.argsort(clf.coef_[0])',
    ['print("negative:", vocab[order[:20]])', ['model_evaluation']],
    'coefs = clf.coef_[0]',
    ['print("best:", vocab[np.argsort(coefs)[-15:]])', ['model_evaluation']],
    ['print(vocab[:20])', ['data_exploration'], 'the vocabulary itself is data'],
  ]);
});
