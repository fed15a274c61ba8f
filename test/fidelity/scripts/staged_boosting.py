"""Staged boosting: test error after each stage (scikit-learn's gradient boosting regularisation example)."""
from sklearn.datasets import make_friedman1
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error

X, y = make_friedman1(n_samples=400, random_state=0)
X_train, X_test, y_train, y_test = X[:300], X[300:], y[:300], y[300:]
gbr = GradientBoostingRegressor(n_estimators=30, learning_rate=0.1, max_depth=2, random_state=0)
gbr.fit(X_train, y_train)
test_errors = []
for stage, pred in enumerate(gbr.staged_predict(X_test)):
    err = mean_squared_error(y_test, pred)
    test_errors.append(err)
print(min(test_errors))
