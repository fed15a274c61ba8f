import numpy as np  # phase: setup
import csv  # phase: setup

rows = []  # phase: data_loading
with open("scores.csv") as fh:  # phase: data_loading
    for row in csv.reader(fh):
        rows.append([float(v) for v in row])
data = np.array(rows)  # phase: data_loading
X_train = data[:80, :-1]  # phase: data_splitting
y_train = data[:80, -1]  # phase: data_splitting
X_test = data[80:, :-1]  # phase: data_splitting
y_test = data[80:, -1]  # phase: data_splitting


def sigmoid(z):  # phase: model_training
    return 1 / (1 + np.exp(-z))  # phase: model_training


def train(X, y, lr=0.01, epochs=1000):  # phase: model_training
    w = np.zeros(X.shape[1])  # phase: model_training
    b = 0.0  # phase: model_training
    for epoch in range(epochs):  # phase: model_training
        p = sigmoid(X @ w + b)
        grad_w = X.T @ (p - y) / len(y)
        grad_b = np.mean(p - y)
        w -= lr * grad_w
        b -= lr * grad_b
    return w, b  # phase: model_training


w, b = train(X_train, y_train, lr=0.1, epochs=2000)  # phase: model_training
y_hat = sigmoid(X_test @ w + b) > 0.5  # phase: prediction
accuracy = np.mean(y_hat == y_test)  # phase: model_evaluation
print("accuracy", accuracy)  # phase: model_evaluation
