# Anime recommendations: a biased matrix factorisation (Funk SVD, in the style of surprise.SVD) written by hand.
import pickle  # phase: setup
import numpy as np  # phase: setup
import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

anime = pd.read_csv("anime.csv")  # phase: data_loading
ratings = pd.read_csv("rating.csv")  # phase: data_loading
print(ratings.shape, ratings["user_id"].nunique(), ratings["anime_id"].nunique())  # phase: data_exploration
print(ratings["rating"].value_counts().sort_index())  # phase: data_exploration

ratings = ratings[ratings["rating"] != -1]  # phase: data_cleaning
counts = ratings["user_id"].value_counts()  # phase: data_cleaning
ratings = ratings[ratings["user_id"].isin(counts[counts >= 20].index)]  # phase: data_cleaning

user_index = {u: i for i, u in enumerate(ratings["user_id"].unique())}  # phase: feature_engineering
item_index = {a: j for j, a in enumerate(ratings["anime_id"].unique())}  # phase: feature_engineering
triples = np.column_stack([ratings["user_id"].map(user_index), ratings["anime_id"].map(item_index), ratings["rating"]]).astype(float)  # phase: feature_engineering


class FunkSVD:  # phase: model_training
    def __init__(self, n_factors=50, n_epochs=20, lr=0.005, reg=0.02, seed=0):
        self.n_factors, self.n_epochs, self.lr, self.reg = n_factors, n_epochs, lr, reg
        self.rng = np.random.default_rng(seed)

    def fit(self, triples, n_users, n_items):
        self.mu = triples[:, 2].mean()
        self.bu = np.zeros(n_users)
        self.bi = np.zeros(n_items)
        self.P = self.rng.normal(0, 0.1, (n_users, self.n_factors))
        self.Q = self.rng.normal(0, 0.1, (n_items, self.n_factors))
        for epoch in range(self.n_epochs):
            self.rng.shuffle(triples)
            for u, i, r in triples:
                u, i = int(u), int(i)
                err = r - self.predict(u, i)
                self.bu[u] += self.lr * (err - self.reg * self.bu[u])
                self.bi[i] += self.lr * (err - self.reg * self.bi[i])
                pu = self.P[u].copy()
                self.P[u] += self.lr * (err * self.Q[i] - self.reg * pu)
                self.Q[i] += self.lr * (err * pu - self.reg * self.Q[i])
        return self

    def predict(self, u, i):
        return self.mu + self.bu[u] + self.bi[i] + self.P[u] @ self.Q[i]

    def test(self, triples):
        return np.array([self.predict(int(u), int(i)) for u, i, _ in triples])


def split_ratings(triples, test_size=0.2, seed=0):  # phase: data_splitting
    rng = np.random.default_rng(seed)
    mask = rng.random(len(triples)) < test_size
    return triples[~mask], triples[mask]


def rmse(y_true, y_pred):  # phase: model_evaluation
    return np.sqrt(np.mean((y_true - y_pred) ** 2))


trainset, testset = split_ratings(triples)  # phase: data_splitting
algo = FunkSVD(n_factors=40, n_epochs=15)  # phase: model_training
algo.fit(trainset, len(user_index), len(item_index))  # phase: model_training
test_pred = algo.test(testset)  # phase: prediction
print("RMSE", rmse(testset[:, 2], test_pred))  # phase: model_evaluation

results = {}  # phase: hyperparameter_tuning
for k in [10, 20, 40, 80]:  # phase: hyperparameter_tuning
    m = FunkSVD(n_factors=k, n_epochs=10).fit(trainset.copy(), len(user_index), len(item_index))
    results[k] = rmse(testset[:, 2], m.test(testset))
print(results)  # phase: hyperparameter_tuning
plt.plot(list(results.keys()), list(results.values()), marker="o")  # phase: visualization
plt.xlabel("latent factors")  # phase: visualization
plt.show()  # phase: visualization

inv_item = {j: a for a, j in item_index.items()}  # phase: feature_engineering
user = user_index[ratings["user_id"].iloc[0]]  # phase: prediction
scores = algo.mu + algo.bu[user] + algo.bi + algo.Q @ algo.P[user]  # phase: prediction
top = np.argsort(-scores)[:10]  # phase: prediction
print(anime[anime["anime_id"].isin([inv_item[j] for j in top])][["name", "genre"]])  # phase: prediction

with open("funk_svd.pkl", "wb") as fh:  # phase: model_persistence
    pickle.dump(algo, fh)
