"""Nested cross-validation: an inner grid search per outer fold (scikit-learn's nested CV example)."""
from sklearn.datasets import load_iris
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.svm import SVC

X, y = load_iris(return_X_y=True)
outer = KFold(n_splits=3, shuffle=True, random_state=1)
outer_scores = []
for train_idx, test_idx in outer.split(X):
    search = GridSearchCV(SVC(kernel="rbf"), {"C": [0.1, 1.0, 10.0], "gamma": [0.01, 0.1]}, cv=3)
    search.fit(X[train_idx], y[train_idx])
    score = search.score(X[test_idx], y[test_idx])
    outer_scores.append(score)
print(sum(outer_scores) / len(outer_scores))
