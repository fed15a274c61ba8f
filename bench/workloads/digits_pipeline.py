"""scikit-learn on its shipped digits data (3.11 venv, nothing downloaded): scaling + PCA + SVC in a
pipeline, a small grid search, a classification report and a confusion matrix, written the way a
tutorial script is (everything at module level)."""
import time

_T0 = time.perf_counter()

import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.metrics import classification_report, confusion_matrix, accuracy_score
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

digits = load_digits()
X, y = digits.data, digits.target
X = np.vstack([X, X + np.random.default_rng(0).normal(0, 0.5, X.shape)])
y = np.concatenate([y, y])
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
pipe = Pipeline([("scale", StandardScaler()), ("pca", PCA(random_state=0)), ("svc", SVC())])
params = {"pca__n_components": [20, 40], "svc__C": [1, 10]}
search = GridSearchCV(pipe, params, cv=3, n_jobs=1)
search.fit(X_train, y_train)
pred = search.predict(X_test)
acc = accuracy_score(y_test, pred)
report = classification_report(y_test, pred)
cm = confusion_matrix(y_test, pred)
worst = int(np.argmin(np.diag(cm) / cm.sum(axis=1)))
print("best", search.best_params_, "acc %.4f worst digit %d" % (acc, worst))
print("LABTRACE_BENCH_ELAPSED=%.6f" % (time.perf_counter() - _T0))
