import numpy as np  # phase: setup

data = np.genfromtxt("iris.csv", delimiter=",", skip_header=1, usecols=(0, 1, 2, 3))  # phase: data_loading
species = np.genfromtxt("iris.csv", delimiter=",", skip_header=1, usecols=4, dtype=str)  # phase: data_loading
print(data.shape, np.unique(species))  # phase: data_exploration

mu = data.mean(axis=0)  # phase: feature_engineering
sigma = data.std(axis=0)  # phase: feature_engineering
Z = (data - mu) / sigma  # phase: feature_engineering
labels = np.searchsorted(np.unique(species), species)  # phase: feature_engineering

idx = np.random.default_rng(1).permutation(len(Z))  # phase: data_splitting
train_idx, test_idx = idx[:120], idx[120:]  # phase: data_splitting

centroids = np.stack([Z[train_idx][labels[train_idx] == k].mean(axis=0) for k in range(3)])  # phase: model_training
dists = ((Z[test_idx, None, :] - centroids[None]) ** 2).sum(axis=2)  # phase: prediction
predicted = dists.argmin(axis=1)  # phase: prediction
print("accuracy", (predicted == labels[test_idx]).mean())  # phase: model_evaluation
