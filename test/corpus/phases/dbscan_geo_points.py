import numpy as np  # phase: setup
import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.cluster import DBSCAN  # phase: setup
from sklearn.neighbors import NearestNeighbors  # phase: setup

checkins = pd.read_csv("checkins.csv")  # phase: data_loading
checkins = checkins.dropna(subset=["lat", "lon"]).drop_duplicates()  # phase: data_cleaning
print(checkins[["lat", "lon"]].describe())  # phase: data_exploration
coords = np.radians(checkins[["lat", "lon"]].values)  # phase: feature_engineering

nn = NearestNeighbors(n_neighbors=5, metric="haversine").fit(coords)  # phase: hyperparameter_tuning
distances, _ = nn.kneighbors(coords)  # phase: hyperparameter_tuning
plt.plot(np.sort(distances[:, -1]))  # phase: visualization
plt.title("k-distance graph")  # phase: visualization
plt.show()  # phase: visualization

db = DBSCAN(eps=0.5 / 6371.0, min_samples=5, metric="haversine", algorithm="ball_tree")  # phase: model_training
checkins["cluster"] = db.fit_predict(coords)  # phase: model_training
n_clusters = len(set(checkins["cluster"])) - (1 if -1 in checkins["cluster"].values else 0)  # phase: model_evaluation
print("clusters:", n_clusters, "noise points:", (checkins["cluster"] == -1).sum())  # phase: model_evaluation
centers = checkins[checkins["cluster"] >= 0].groupby("cluster")[["lat", "lon"]].mean()  # phase: model_evaluation

plt.scatter(checkins["lon"], checkins["lat"], c=checkins["cluster"], s=2, cmap="tab20")  # phase: visualization
plt.scatter(centers["lon"], centers["lat"], c="black", marker="x")  # phase: visualization
plt.show()  # phase: visualization
