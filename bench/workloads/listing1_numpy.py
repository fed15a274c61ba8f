"""The seed paper's Listing 1 in NumPy: hand-written logistic regression (load, zero_mean/std scaling,
grad_desc with W -= alpha * d_cost(X, W, Y), alpha 0.1, 900 iterations, mean absolute error).
Data: LABTRACE_BENCH_DATA/listing1.csv (3.11 venv)."""
import time

_T0 = time.perf_counter()

import os

import numpy as np

DATA = os.path.join(os.environ.get("LABTRACE_BENCH_DATA", "."), "listing1.csv")


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    X = data[:, :-1]
    Y = data[:, -1:]
    return X, Y


def zero_mean(X):
    return X - np.mean(X, axis=0)


def std(X):
    return X / np.std(X, axis=0)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def d_cost(X, W, Y):
    return np.dot(X.T, sigmoid(np.dot(X, W)) - Y) / X.shape[0]


def grad_desc(X, W, Y, alpha, iterations):
    for _ in range(iterations):
        W -= alpha * d_cost(X, W, Y)
    return W


X, Y = load(DATA)
X = std(zero_mean(X))
X = np.hstack([np.ones((X.shape[0], 1)), X])
W = np.zeros((X.shape[1], 1))
W = grad_desc(X, W, Y, 0.1, 900)
error = np.mean(np.abs(sigmoid(np.dot(X, W)) - Y))
print("error %.4f" % error)
print("LABTRACE_BENCH_ELAPSED=%.6f" % (time.perf_counter() - _T0))
