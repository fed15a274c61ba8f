import numpy as np  # phase: setup

data = np.loadtxt("house.txt", delimiter=",")  # phase: data_loading
X = data[:, :2]  # phase: feature_engineering
y = data[:, 2]  # phase: feature_engineering
print(X[:5], y[:5])  # phase: data_exploration
mu = X.mean(axis=0)  # phase: feature_engineering
sigma = X.std(axis=0)  # phase: feature_engineering
X = (X - mu) / sigma  # phase: feature_engineering
X = np.hstack([np.ones((X.shape[0], 1)), X])  # phase: feature_engineering
theta = np.linalg.inv(X.T @ X) @ X.T @ y  # phase: model_training
predictions = X @ theta  # phase: prediction
rmse = np.sqrt(np.mean((predictions - y) ** 2))  # phase: model_evaluation
print("theta", theta, "rmse", rmse)  # phase: model_evaluation
np.save("theta.npy", theta)  # phase: model_persistence
