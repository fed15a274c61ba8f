import numpy as np  # phase: setup

data = np.loadtxt("admissions.csv", delimiter=",", skiprows=1)  # phase: data_loading
X, y = data[:, :2], data[:, 2]  # phase: feature_engineering
X = (X - X.mean(axis=0)) / X.std(axis=0)  # phase: feature_engineering
X = np.hstack([np.ones((len(X), 1)), X])  # phase: feature_engineering


def sigmoid(z):  # phase: model_training
    return 1 / (1 + np.exp(-z))


def gradients(params, X, y):  # phase: model_training
    p = sigmoid(X @ params[0])
    return [X.T @ (p - y) / len(y)]


learning_rate = 0.5  # phase: model_training
params = [np.zeros(X.shape[1])]  # phase: model_training
for step in range(2000):  # phase: model_training
    grads = gradients(params, X, y)
    params = [w - learning_rate * g for w, g in zip(params, grads)]

theta = params[0]  # phase: model_training
probs = sigmoid(X @ theta)  # phase: prediction
predicted = (probs >= 0.5).astype(int)  # phase: prediction
accuracy = (predicted == y).mean()  # phase: model_evaluation
print("train accuracy", accuracy)  # phase: model_evaluation
