"""scikit-learn: GridSearchCV over a random forest on generated data (3.11 venv)."""
import time

_T0 = time.perf_counter()

from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GridSearchCV, train_test_split

X, y = make_classification(n_samples=2000, n_features=20, n_informative=8, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
grid = GridSearchCV(
    RandomForestClassifier(random_state=0),
    {"n_estimators": [10, 30], "max_depth": [4, 8]},
    cv=3,
    n_jobs=1,
)
grid.fit(X_train, y_train)
pred = grid.predict(X_test)
print("best", grid.best_params_, "acc %.3f f1 %.3f" % (accuracy_score(y_test, pred), f1_score(y_test, pred)))
print("LABTRACE_BENCH_ELAPSED=%.6f" % (time.perf_counter() - _T0))
