import numpy as np  # phase: setup

np.random.seed(1)  # phase: setup
data = np.genfromtxt("sonar.csv", delimiter=",", dtype=str)  # phase: data_loading
X = data[:, :-1].astype(float)  # phase: feature_engineering
y = np.where(data[:, -1] == "M", 1, -1)  # phase: feature_engineering
idx = np.random.permutation(len(X))  # phase: data_splitting
cut = int(0.7 * len(X))  # phase: data_splitting
X_tr, y_tr, X_te, y_te = X[idx[:cut]], y[idx[:cut]], X[idx[cut:]], y[idx[cut:]]  # phase: data_splitting

w = np.zeros(X.shape[1])  # phase: model_training
b = 0.0  # phase: model_training
lr = 0.01  # phase: model_training
for epoch in range(50):  # phase: model_training
    errors = 0
    for xi, yi in zip(X_tr, y_tr):
        if yi * (xi @ w + b) <= 0:
            w += lr * yi * xi
            b += lr * yi
            errors += 1
    if errors == 0:
        break

y_hat = np.sign(X_te @ w + b)  # phase: prediction
print("test accuracy", (y_hat == y_te).mean())  # phase: model_evaluation
