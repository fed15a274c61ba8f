// Issue 13: common library utilities the knowledge base did not know, found by listing the calls without a knowledge-base
// phase in the tuning split and in typical Kaggle code: the estimator copied for a fold (sklearn.base.clone), the
// calibration curve of predicted probabilities, the distributions a randomized search samples (scipy.stats.randint,
// uniform, loguniform), SciPy's Box-Cox transforms (scipy.special.boxcox1p and its inverse: element-wise math).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const HEAD = [
  'import numpy as np',
  'import pandas as pd',
  'from scipy.stats import randint, uniform, loguniform',
  'from scipy.special import boxcox1p, inv_boxcox1p',
  'from sklearn.base import clone',
  'from sklearn.calibration import calibration_curve',
  'from sklearn.ensemble import RandomForestClassifier',
  'from sklearn.model_selection import RandomizedSearchCV, KFold, train_test_split',
  'df = pd.read_csv("train.csv")',
];

test('an estimator cloned for a fold is a model built, not predictions', () => {
  assertPhases('clone.py', [
    ...HEAD,
    'X, y = df.drop(columns="y"), df["y"]',
    'base = RandomForestClassifier()',
    ['m = clone(base)', ['model_training']],
    'for tr, va in KFold(5).split(X):',
    '    mdl = clone(base)',
    '    mdl.fit(X.iloc[tr], y.iloc[tr])',
  ]);
});

test('the distributions of a randomized search are its search space; a calibration curve evaluates', () => {
  assertPhases('search.py', [
    ...HEAD,
    ['params = {"C": loguniform(1e-3, 1e2)}', ['hyperparameter_tuning']],
    ['space = {"n_estimators": randint(100, 500), "max_features": uniform(0.1, 0.9)}', ['hyperparameter_tuning']],
    'X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"])',
    'rs = RandomizedSearchCV(RandomForestClassifier(), space, n_iter=10).fit(X_train, y_train)',
    'proba = rs.predict_proba(X_test)[:, 1]',
    ['prob_true, prob_pred = calibration_curve(y_test, proba, n_bins=10)', ['model_evaluation']],
  ]);
});

test("SciPy's Box-Cox of a column is a feature; its inverse of predictions is a prediction", () => {
  assertPhases('boxcox.py', [
    ...HEAD,
    ['df["c"] = boxcox1p(df["c"], 0.15)', ['feature_engineering']],
    ['skewed = boxcox1p(df[["a", "b"]], 0.15)', ['feature_engineering']],
    'X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"])',
    'model = RandomForestClassifier().fit(X_train, y_train)',
    ['pred = inv_boxcox1p(model.predict(X_test), 0.15)', ['prediction']],
  ]);
});

test('pandas: nested records flattened on loading, an ordered categorical, unique values, a frame from a dict of results', () => {
  assertPhases('pandas-utils.py', [
    'import json',
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.model_selection import cross_val_score',
    'with open("data.json") as f:',
    '    records = json.load(f)',
    ['df = pd.json_normalize(records)', ['data_loading']],
    ['items = pd.json_normalize(records, record_path="items", meta=["id"])', ['data_loading']],
    ['df["size"] = pd.Categorical(df["size"], categories=["S", "M", "L"], ordered=True)', ['feature_engineering'], 'an ordered category, like .astype("category")'],
    ['print(pd.unique(df["cat"]))', ['data_exploration']],
    'X, y = df.drop(columns="y"), df["y"]',
    'results = {}',
    'for C in [0.1, 1.0]:',
    '    results[C] = cross_val_score(LogisticRegression(C=C), X, y).mean()',
    ['res_df = pd.DataFrame.from_dict(results, orient="index", columns=["score"])', ['hyperparameter_tuning']],
  ]);
});
