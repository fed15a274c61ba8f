"""Choosing k: silhouette score per number of clusters."""
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_score

X, _ = make_blobs(n_samples=300, centers=4, random_state=7)
scores = {}
for k in range(2, 7):
    labels = KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(X)
    sil = silhouette_score(X, labels)
    scores[k] = sil
print(max(scores, key=scores.get))
