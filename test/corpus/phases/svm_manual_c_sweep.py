import numpy as np  # phase: setup
import pandas as pd  # phase: setup
from sklearn.model_selection import train_test_split, GridSearchCV, RandomizedSearchCV  # phase: setup
from sklearn.svm import SVC  # phase: setup
from sklearn.metrics import accuracy_score  # phase: setup
from scipy.stats import loguniform  # phase: setup

df = pd.read_csv("breast_cancer.csv")  # phase: data_loading
X = df.drop(columns=["diagnosis"])  # phase: feature_engineering
y = df["diagnosis"]  # phase: feature_engineering
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.25, random_state=1)  # phase: data_splitting

results = {}  # phase: hyperparameter_tuning
for C in [0.01, 0.1, 1, 10, 100]:  # phase: hyperparameter_tuning
    clf = SVC(C=C, kernel="rbf")
    clf.fit(X_train, y_train)
    results[C] = accuracy_score(y_val, clf.predict(X_val))
best_C = max(results, key=results.get)  # phase: hyperparameter_tuning
print("best C", best_C, results[best_C])  # phase: hyperparameter_tuning

param_grid = {"C": [0.1, 1, 10], "gamma": ["scale", 0.01, 0.001]}  # phase: hyperparameter_tuning
grid = GridSearchCV(SVC(), param_grid, cv=5, scoring="accuracy")  # phase: hyperparameter_tuning
grid.fit(X_train, y_train)  # phase: hyperparameter_tuning
print(grid.best_params_, grid.best_score_)  # phase: hyperparameter_tuning

search = RandomizedSearchCV(SVC(), {"C": loguniform(1e-3, 1e3)}, n_iter=20, cv=3, random_state=0)  # phase: hyperparameter_tuning
search.fit(X_train, y_train)  # phase: hyperparameter_tuning
cv_table = pd.DataFrame(search.cv_results_).sort_values("rank_test_score")  # phase: hyperparameter_tuning
print(cv_table[["params", "mean_test_score"]].head())  # phase: hyperparameter_tuning
