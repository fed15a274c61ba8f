# Ridge regression in plain NumPy on the diabetes data: closed-form solution, a lambda sweep on a validation split.
import numpy as np  # phase: setup

data = np.loadtxt("diabetes.tab.txt", skiprows=1)  # phase: data_loading
print(data.shape)  # phase: data_exploration
print(data[:5])  # phase: data_exploration

X, y = data[:, :-1], data[:, -1]  # phase: feature_engineering
X = (X - X.mean(axis=0)) / X.std(axis=0)  # phase: feature_engineering
X = np.hstack([np.ones((X.shape[0], 1)), X])  # phase: feature_engineering

rng = np.random.default_rng(42)  # phase: setup
idx = rng.permutation(len(y))  # phase: data_splitting
train_idx, val_idx = idx[:350], idx[350:]  # phase: data_splitting
X_tr, y_tr, X_va, y_va = X[train_idx], y[train_idx], X[val_idx], y[val_idx]  # phase: data_splitting


def ridge_fit(A, b, lam):  # phase: model_training
    penalty = lam * np.eye(A.shape[1])
    penalty[0, 0] = 0.0
    return np.linalg.solve(A.T @ A + penalty, A.T @ b)


def mse(A, b, w):  # phase: model_evaluation
    return np.mean((A @ w - b) ** 2)


scores = {}  # phase: hyperparameter_tuning
for lam in [0.01, 0.1, 1.0, 10.0, 100.0]:  # phase: hyperparameter_tuning
    w = ridge_fit(X_tr, y_tr, lam)
    scores[lam] = mse(X_va, y_va, w)
best_lam = min(scores, key=scores.get)  # phase: hyperparameter_tuning
print("best lambda:", best_lam, "validation MSE:", scores[best_lam])  # phase: hyperparameter_tuning

w = ridge_fit(X, y, best_lam)  # phase: model_training
print("coefficients:", np.round(w, 2))  # phase: model_evaluation
y_hat = X @ w  # phase: prediction
r2 = 1 - np.sum((y - y_hat) ** 2) / np.sum((y - y.mean()) ** 2)  # phase: model_evaluation
print(f"R^2 on all data: {r2:.3f}")  # phase: model_evaluation
