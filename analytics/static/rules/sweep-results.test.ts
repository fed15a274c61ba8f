// Issue 13 (results of a sweep): what a search or a sweep over candidate values leaves behind (a search's
// cv_results_ frame, a dict of scores per candidate) is looked at to choose the parameter: a table made from it, its
// first rows or a look at it shown are part of the tuning, not a model evaluation.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const PRELUDE = [
  'import pandas as pd',
  'from scipy.stats import loguniform',
  'from sklearn.svm import SVC',
  'from sklearn.cluster import KMeans',
  'from sklearn.metrics import silhouette_score',
  'from sklearn.model_selection import RandomizedSearchCV',
  'X_train, y_train = load_split()',
];

test("the first rows of a search's cv_results_ table shown are tuning", () => {
  assertPhases('cvres.py', [
    ...PRELUDE,
    'search = RandomizedSearchCV(SVC(), {"C": loguniform(1e-3, 1e3)}, n_iter=20, cv=3)',
    'search.fit(X_train, y_train)',
    ['cv_table = pd.DataFrame(search.cv_results_).sort_values("rank_test_score")', ['hyperparameter_tuning']],
    ['print(cv_table[["params", "mean_test_score"]].head())', ['hyperparameter_tuning']],
    ['cv_table[["params", "mean_test_score"]].head(10)', ['hyperparameter_tuning']],
  ]);
});

test('a table made from the scores a sweep kept per candidate, and shown, is tuning', () => {
  assertPhases('sweeptable.py', [
    ...PRELUDE,
    'scores = {}',
    'for k in range(2, 11):',
    '    km = KMeans(n_clusters=k, n_init=10).fit(X_train)',
    '    scores[k] = (km.inertia_, silhouette_score(X_train, km.labels_))',
    ['scores_df = pd.DataFrame(scores, index=["inertia", "silhouette"]).T', ['hyperparameter_tuning']],
    ['scores_df', ['hyperparameter_tuning']],
  ]);
});

test('the order auto_arima chose is its outcome (tuning); the model refitted with it is training', () => {
  assertPhases('autoarima.py', [
    'import pmdarima as pm',
    'from statsmodels.tsa.arima.model import ARIMA',
    'train = load_series()',
    ['auto = pm.auto_arima(train, start_p=0, start_q=0, max_p=4, max_q=4, seasonal=False)', ['hyperparameter_tuning']],
    ['print(auto.order)', ['hyperparameter_tuning']],
    ['print(auto.summary())', ['model_evaluation']],
    ['model = ARIMA(train, order=auto.order)', ['model_training']],
  ]);
});

test('the chosen candidate shown next to its score is tuning', () => {
  assertPhases('chosen.py', [
    'from sklearn.neighbors import KNeighborsClassifier',
    'from sklearn.model_selection import cross_val_score',
    'X_train, y_train = load_split()',
    'cv_acc = {}',
    'for k in [1, 3, 5, 7]:',
    '    cv_acc[k] = cross_val_score(KNeighborsClassifier(n_neighbors=k), X_train, y_train).mean()',
    'best_k = max(cv_acc, key=cv_acc.get)',
    ['best_k, cv_acc[best_k]', ['hyperparameter_tuning']],
  ]);
});
