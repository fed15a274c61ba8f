"""Regularisation sweep in a loop, the shape of scikit-learn's ridge tutorials."""
from sklearn.datasets import make_regression
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

X, y = make_regression(n_samples=300, n_features=8, noise=5.0, random_state=42)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
results = {}
for alpha in [0.001, 0.01, 0.1, 1.0, 10.0, 100.0]:
    model = Ridge(alpha=alpha)
    model.fit(X_train, y_train)
    mse = mean_squared_error(y_test, model.predict(X_test))
    results[alpha] = mse
print(min(results, key=results.get))
