// Issue 13: the names of a transformer's features (vect.get_feature_names_out()) are no features: what they are for
// is told by their first reader (rules/used-for.ts): listing the words with the largest coefficients is
// model_evaluation, and a display of results decides as any reader does. Feature engineering stays when nothing tells
// otherwise, and features wrapped in a frame under those names (pd.DataFrame(X_enc, columns=...)) are still features.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const HEAD = [
  'import numpy as np',
  'import pandas as pd',
  'from sklearn.feature_extraction.text import TfidfVectorizer',
  'from sklearn.linear_model import LogisticRegression',
  'from sklearn.preprocessing import OneHotEncoder',
  'docs = pd.read_csv("reviews.csv")',
];

test('feature names read to list the top coefficients are model evaluation', () => {
  assertPhases('top_words_names.py', [
    ...HEAD,
    'tfidf = TfidfVectorizer()',
    'X = tfidf.fit_transform(docs["text"])',
    'clf = LogisticRegression().fit(X, docs["label"])',
    ['vocab = np.array(tfidf.get_feature_names_out())', ['model_evaluation'], 'the reader ranks them by coefficients'],
    'order = np.argsort(clf.coef_[0])',
    ['print("negative:", vocab[order[:20]])', ['model_evaluation']],
  ]);
});

test('feature names that label a feature table, or that nothing reads, stay feature engineering', () => {
  assertPhases('encoded_names.py', [
    ...HEAD,
    'enc = OneHotEncoder()',
    'X_enc = enc.fit_transform(docs[["a", "b"]]).toarray()',
    ['encoded = pd.DataFrame(X_enc, columns=enc.get_feature_names_out())', ['feature_engineering']],
    'docs = pd.concat([docs, encoded], axis=1)',
    ['names = enc.get_feature_names_out()', ['feature_engineering']],
  ]);
});

// the names of an encoder's classes (le.classes_) are names too: a provisional guess, which adds no phase to a
// statement with firm evidence of another (labeller/signals.ts finalize)
test('the classes of a label encoder shown with results are model evaluation only', () => {
  assertPhases('classes_names.py', [
    ...HEAD,
    'from sklearn.preprocessing import LabelEncoder',
    'from sklearn.metrics import confusion_matrix',
    'le = LabelEncoder()',
    'y = le.fit_transform(docs["label"])',
    'clf = LogisticRegression().fit(docs[["a"]], y)',
    'cm = confusion_matrix(y, clf.predict(docs[["a"]]))',
    ['print(pd.DataFrame(cm, index=le.classes_, columns=le.classes_))', ['model_evaluation']],
    ['for i, label in enumerate(le.classes_):', ['model_evaluation']],
    '    print(label, clf.coef_[i][:3])',
  ]);
});

// the usual kernel lists the top words of each class in a loop: the loop reads the names in its body
test('feature names read by a loop over the classes listing the top coefficients are model evaluation', () => {
  assertPhases('top_words_loop.py', [
    ...HEAD,
    'tfidf = TfidfVectorizer()',
    'X = tfidf.fit_transform(docs["text"])',
    'clf = LogisticRegression().fit(X, docs["label"])',
    ['terms = np.array(tfidf.get_feature_names_out())', ['model_evaluation'], 'the loop reading them ranks them by coefficients'],
    ['for i, label in enumerate(clf.classes_):', ['model_evaluation']],
    '    top = np.argsort(clf.coef_[i])[-12:]',
    '    print(label, ", ".join(terms[top]))',
  ]);
});
