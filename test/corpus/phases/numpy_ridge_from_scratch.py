import numpy as np  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

rng = np.random.default_rng(0)  # phase: setup

n, d = 200, 5  # phase: other
X = rng.normal(size=(n, d))  # phase: data_loading
true_w = np.array([1.5, -2.0, 0.0, 0.7, 3.0])  # phase: data_loading
y = X @ true_w + rng.normal(scale=0.5, size=n)  # phase: data_loading

print(X.mean(axis=0), X.std(axis=0))  # phase: data_exploration

X = (X - X.mean(axis=0)) / X.std(axis=0)  # phase: feature_engineering
X = np.hstack([np.ones((n, 1)), X])  # phase: feature_engineering

idx = rng.permutation(n)  # phase: data_splitting
train_idx, test_idx = idx[:150], idx[150:]  # phase: data_splitting


def ridge_fit(A, b, lam):  # phase: model_training
    I = np.eye(A.shape[1])
    I[0, 0] = 0
    return np.linalg.solve(A.T @ A + lam * I, A.T @ b)


def mse(A, b, w):  # phase: model_evaluation
    return np.mean((A @ w - b) ** 2)


lams = [0.0, 0.1, 1.0, 10.0, 100.0]  # phase: hyperparameter_tuning
errors = []  # phase: hyperparameter_tuning
for lam in lams:  # phase: hyperparameter_tuning
    w = ridge_fit(X[train_idx], y[train_idx], lam)
    errors.append(mse(X[test_idx], y[test_idx], w))

best_lam = lams[int(np.argmin(errors))]  # phase: hyperparameter_tuning
w_best = ridge_fit(X[train_idx], y[train_idx], best_lam)  # phase: model_training
print("test mse", mse(X[test_idx], y[test_idx], w_best))  # phase: model_evaluation

plt.semilogx([l + 1e-3 for l in lams], errors, marker="o")  # phase: visualization
plt.xlabel("lambda")  # phase: visualization
plt.ylabel("test MSE")  # phase: visualization
plt.show()  # phase: visualization
