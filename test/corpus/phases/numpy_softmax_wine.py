"""Softmax regression written with NumPy only, on the UCI wine data (three cultivars)."""  # phase: other
import numpy as np  # phase: setup

np.random.seed(11)  # phase: setup
data = np.genfromtxt("wine.data", delimiter=",")  # phase: data_loading
print(data.shape)  # phase: data_exploration
print(np.isnan(data).sum(axis=0))  # phase: data_exploration

data = data[~np.isnan(data).any(axis=1)]  # phase: data_cleaning
data = np.unique(data, axis=0)  # phase: data_cleaning
y = data[:, 0].astype(int) - 1  # phase: feature_engineering
X = data[:, 1:]  # phase: feature_engineering
print("class counts", np.bincount(y))  # phase: data_exploration
print("feature means", X.mean(axis=0).round(2))  # phase: data_exploration
print("feature ranges", (X.max(axis=0) - X.min(axis=0)).round(2))  # phase: data_exploration

z = np.abs((X - X.mean(axis=0)) / X.std(axis=0))  # phase: data_cleaning
keep = (z < 4).all(axis=1)  # phase: data_cleaning
X, y = X[keep], y[keep]  # phase: data_cleaning
print("dropped", (~keep).sum(), "outlying rows")  # phase: data_exploration

idx = np.random.permutation(len(X))  # phase: data_splitting
cut = int(0.75 * len(X))  # phase: data_splitting
train_idx, test_idx = idx[:cut], idx[cut:]  # phase: data_splitting
X_train, X_test, y_train, y_test = X[train_idx], X[test_idx], y[train_idx], y[test_idx]  # phase: data_splitting

mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)  # phase: feature_engineering
X_train = (X_train - mu) / sigma  # phase: feature_engineering
X_test = (X_test - mu) / sigma  # phase: feature_engineering
K = 3  # phase: other
Y_train = np.eye(K)[y_train]  # phase: feature_engineering


def softmax(scores):  # phase: model_training, prediction
    scores = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(P, Y):  # phase: model_training, model_evaluation
    return -np.mean(np.sum(Y * np.log(P + 1e-12), axis=1))


W = np.zeros((X_train.shape[1], K))  # phase: model_training
b = np.zeros(K)  # phase: model_training
lr = 0.1  # phase: model_training
lam = 1e-3  # phase: model_training
history = []  # phase: model_training
for step in range(2000):  # phase: model_training
    P = softmax(X_train @ W + b)
    grad_W = X_train.T @ (P - Y_train) / len(X_train) + lam * W
    grad_b = (P - Y_train).mean(axis=0)
    W -= lr * grad_W
    b -= lr * grad_b
    if step % 200 == 0:
        history.append(cross_entropy(P, Y_train))
        print(step, round(history[-1], 4))

probs = softmax(X_test @ W + b)  # phase: prediction
y_hat = probs.argmax(axis=1)  # phase: prediction
print("test accuracy", (y_hat == y_test).mean())  # phase: model_evaluation
print("test log loss", cross_entropy(probs, np.eye(K)[y_test]))  # phase: model_evaluation

conf = np.zeros((K, K), dtype=int)  # phase: model_evaluation
for t, p in zip(y_test, y_hat):  # phase: model_evaluation
    conf[t, p] += 1
print(conf)  # phase: model_evaluation
precision = conf.diagonal() / conf.sum(axis=0).clip(min=1)  # phase: model_evaluation
recall = conf.diagonal() / conf.sum(axis=1)  # phase: model_evaluation
print("precision", precision.round(3), "recall", recall.round(3))  # phase: model_evaluation
print("macro F1", np.mean(2 * precision * recall / (precision + recall + 1e-12)).round(3))  # phase: model_evaluation

new_samples = np.array([[13.2, 1.78, 2.14, 11.2, 100, 2.65, 2.76, 0.26, 1.28, 4.38, 1.05, 3.4, 1050],  # phase: prediction
                        [12.37, 0.94, 1.36, 10.6, 88, 1.98, 0.57, 0.28, 0.42, 1.95, 1.05, 1.82, 520]])
new_probs = softmax(((new_samples - mu) / sigma) @ W + b)  # phase: prediction
cultivars = np.array(["cultivar 1", "cultivar 2", "cultivar 3"])  # phase: other
for row, p in zip(new_probs, cultivars[new_probs.argmax(axis=1)]):  # phase: prediction
    print(p, row.round(3))

np.savez("softmax_wine.npz", W=W, b=b, mu=mu, sigma=sigma)  # phase: model_persistence
