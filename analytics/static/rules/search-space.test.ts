// Issue 13 (candidate values bound before a search): the values a search tries, built before it runs (a range, a
// logspace, a comprehension over a linspace, a list of options) and then iterated by a tuning loop or given as the
// values of a grid (a dict literal or dict(...)), are tuning; a range nobody searches over stays a constant.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const PRELUDE = [
  'import numpy as np',
  'from sklearn.linear_model import Ridge',
  'from sklearn.neighbors import KNeighborsClassifier',
  'from sklearn.ensemble import RandomForestRegressor',
  'from sklearn.model_selection import GridSearchCV, RandomizedSearchCV, cross_val_score',
  'X_train, y_train = load_split()',
];

test('a range or a logspace of candidates iterated by a tuning loop is tuning', () => {
  assertPhases('loops.py', [
    ...PRELUDE,
    ['k_values = range(1, 30)', ['hyperparameter_tuning']],
    'scores = []',
    'for k in k_values:',
    '    scores.append(cross_val_score(KNeighborsClassifier(n_neighbors=k), X_train, y_train, cv=5).mean())',
    ['alphas = np.logspace(-3, 3, 7)', ['hyperparameter_tuning']],
    'for a in alphas:',
    '    print(a, cross_val_score(Ridge(alpha=a), X_train, y_train, cv=5).mean())',
    ['neighbors = list(range(1, 50, 2))', ['hyperparameter_tuning']],
    'for k in neighbors:',
    '    print(k, cross_val_score(KNeighborsClassifier(n_neighbors=k), X_train, y_train).mean())',
    ['depths = np.arange(1, 20)', ['other'], 'a range no search uses stays a constant'],
    'for d in depths:',
    '    print(d)',
  ]);
});

test('the lists a grid (a dict or dict(...)) is built from are tuning', () => {
  assertPhases('grids.py', [
    ...PRELUDE,
    ['k_range = list(range(1, 31))', ['hyperparameter_tuning']],
    ['weight_options = ["uniform", "distance"]', ['hyperparameter_tuning']],
    ['param_grid = dict(n_neighbors=k_range, weights=weight_options)', ['hyperparameter_tuning']],
    'grid = GridSearchCV(KNeighborsClassifier(), param_grid, cv=10)',
    'grid.fit(X_train, y_train)',
    ['n_estimators = [int(x) for x in np.linspace(start=200, stop=2000, num=10)]', ['hyperparameter_tuning']],
    ['max_depth = [int(x) for x in np.linspace(10, 110, num=11)]', ['hyperparameter_tuning']],
    ['random_grid = {"n_estimators": n_estimators, "max_depth": max_depth}', ['hyperparameter_tuning']],
    'search = RandomizedSearchCV(RandomForestRegressor(), random_grid, n_iter=20, cv=3)',
  ]);
});

test('the named lists of a dict of constants given to a search are its candidates', () => {
  assertPhases('params.py', [
    ...PRELUDE,
    'from sklearn.svm import SVC',
    ['Cs = [0.1, 1, 10]', ['hyperparameter_tuning']],
    ['gammas = [0.01, 0.1]', ['hyperparameter_tuning']],
    ['params = {"C": Cs, "gamma": gammas}', ['hyperparameter_tuning']],
    'gs = GridSearchCV(SVC(), params, cv=5)',
    ['n_trees = [100, 300]', ['other'], 'a constant no search tries stays one'],
    ['settings = {"n_estimators": n_trees}', { not: ['hyperparameter_tuning'] }],
    'rf = RandomForestRegressor(**settings).fit(X_train, y_train)',
  ]);
});

test('the candidate at the best score of a sweep, and the scores restated, are tuning whatever their names', () => {
  assertPhases('picks.py', [
    ...PRELUDE,
    'neighbors = list(range(1, 50, 2))',
    'cv_scores = []',
    'for k in neighbors:',
    '    cv_scores.append(cross_val_score(KNeighborsClassifier(n_neighbors=k), X_train, y_train, cv=10).mean())',
    ['MSE = [1 - x for x in cv_scores]', ['hyperparameter_tuning']],
    ['optimal_k = neighbors[MSE.index(min(MSE))]', ['hyperparameter_tuning']],
    ['print("The optimal number of neighbors is %d" % optimal_k)', ['hyperparameter_tuning']],
    'cv_acc = {}',
    'for k in [1, 3, 5, 7]:',
    '    cv_acc[k] = cross_val_score(KNeighborsClassifier(n_neighbors=k), X_train, y_train).mean()',
    ['chosen = max(cv_acc, key=cv_acc.get)', ['hyperparameter_tuning']],
  ]);
});
