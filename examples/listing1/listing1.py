"""Listing 1 of the seed paper: logistic regression written by hand, no high-level library."""
from numpy import abs, dot, exp, loadtxt, mean, std, zeros


def load(path, test_share=0.25):
    data = loadtxt(path, delimiter=",", skiprows=1)
    cut = int(len(data) * (1 - test_share))
    X, Y = data[:, :-1], data[:, -1:]
    return X[:cut], Y[:cut], X[cut:], Y[cut:]


def zero_mean(X):
    return X - X.mean(axis=0)


def sigmoid(z):
    return 1.0 / (1.0 + exp(-z))


def d_cost(X, W, Y):
    return dot(X.T, sigmoid(dot(X, W)) - Y) / X.shape[0]


# gradient descent learning algorithm
def grad_desc(X, Y, alpha, iterations):
    W = zeros((X.shape[1], Y.shape[1]))
    for i in range(iterations):
        W -= alpha * d_cost(X, W, Y)
    return W


# loading the input dataset
X_train, y_train, X_test, y_test = load("data/binary.csv")
# manual standard scaling of the data
X_train = zero_mean(X_train) / std(X_train)
X_test = zero_mean(X_test) / std(X_test)
W = grad_desc(X_train, y_train, 0.1, 900)
# measurement of prediction error
error = mean(abs(sigmoid(dot(X_test, W)) - y_test))
print("prediction error: %.4f" % error)
