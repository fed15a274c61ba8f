# Movie ratings: matrix factorisation by stochastic gradient descent, written by hand.
import numpy as np  # phase: setup
import pandas as pd  # phase: setup

ratings = pd.read_csv("ratings.csv")  # phase: data_loading
print(ratings.head())  # phase: data_exploration
print(ratings["rating"].describe())  # phase: data_exploration
ratings = ratings.drop_duplicates(subset=["userId", "movieId"])  # phase: data_cleaning

user_ids = {u: i for i, u in enumerate(ratings["userId"].unique())}  # phase: feature_engineering
item_ids = {m: j for j, m in enumerate(ratings["movieId"].unique())}  # phase: feature_engineering
ratings["u"] = ratings["userId"].map(user_ids)  # phase: feature_engineering
ratings["i"] = ratings["movieId"].map(item_ids)  # phase: feature_engineering

shuffled = ratings.sample(frac=1.0, random_state=0)  # phase: data_splitting
cut = int(len(shuffled) * 0.9)  # phase: data_splitting
train, test = shuffled[:cut], shuffled[cut:]  # phase: data_splitting

k, lr, reg = 20, 0.01, 0.05  # phase: model_training
rng = np.random.default_rng(0)  # phase: setup
P = rng.normal(0, 0.1, (len(user_ids), k))  # phase: model_training
Q = rng.normal(0, 0.1, (len(item_ids), k))  # phase: model_training
for epoch in range(20):  # phase: model_training
    for u, i, r in train[["u", "i", "rating"]].itertuples(index=False):
        err = r - P[u] @ Q[i]
        P[u] += lr * (err * Q[i] - reg * P[u])
        Q[i] += lr * (err * P[u] - reg * Q[i])

pred = np.sum(P[test["u"].values] * Q[test["i"].values], axis=1)  # phase: prediction
rmse = np.sqrt(np.mean((test["rating"].values - pred) ** 2))  # phase: model_evaluation
print("test RMSE", rmse)  # phase: model_evaluation

np.save("user_factors.npy", P)  # phase: model_persistence
np.save("item_factors.npy", Q)  # phase: model_persistence
