"""A hand-written linear model: gradient descent in NumPy, no library model."""
import numpy as np

rng = np.random.default_rng(3)
X = rng.normal(size=(200, 3))
y = X @ np.array([1.5, -2.0, 0.5]) + 0.1 * rng.normal(size=200)
split = 150
X_train, X_test, y_train, y_test = X[:split], X[split:], y[:split], y[split:]
lr = 0.1
epochs = 200
w = np.zeros(3)
for epoch in range(epochs):
    grad = X_train.T @ (X_train @ w - y_train) / split
    w -= lr * grad
mae = float(np.mean(np.abs(X_test @ w - y_test)))
print(round(mae, 4))
