# gradient descent learning algorithm
def grad_desc(X, Y, alpha, iterations):  # phase: model_training
    W = zeros((X.shape[1], Y.shape[1]))  # phase: model_training
    for i in xrange(iterations):  # phase: model_training
        W -= alpha * d_cost(X, W, Y)
    return W  # phase: model_training

# loading the input dataset
X_train, y_train, X_test, y_test = load(...)  # phase: data_loading
# manual standard scaling of the data
X_train = zero_mean(X_train) / std(X_train)  # phase: feature_engineering
X_test = zero_mean(X_test) / std(X_test)  # phase: feature_engineering
W = grad_desc(X_train, y_train, 0.1, 900)  # phase: model_training
# measurement of prediction error
mean(abs(sigmoid(dot(X, W)) - Y))  # phase: model_evaluation
