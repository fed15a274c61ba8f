import numpy as np  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

rng = np.random.default_rng(3)  # phase: setup
points = np.loadtxt("blobs.txt")  # phase: data_loading
print(points.shape, points.min(axis=0), points.max(axis=0))  # phase: data_exploration
points = (points - points.mean(axis=0)) / points.std(axis=0)  # phase: feature_engineering


def assign(points, centroids):  # phase: model_training
    d = np.linalg.norm(points[:, None, :] - centroids[None, :, :], axis=2)
    return d.argmin(axis=1)


def update(points, labels, k):  # phase: model_training
    return np.array([points[labels == j].mean(axis=0) for j in range(k)])


k = 3  # phase: model_training
centroids = points[rng.choice(len(points), k, replace=False)]  # phase: model_training
for it in range(100):  # phase: model_training
    labels = assign(points, centroids)
    new_centroids = update(points, labels, k)
    if np.allclose(new_centroids, centroids):
        break
    centroids = new_centroids

inertia = sum(((points[labels == j] - centroids[j]) ** 2).sum() for j in range(k))  # phase: model_evaluation
print("iterations", it, "inertia", inertia)  # phase: model_evaluation
plt.scatter(points[:, 0], points[:, 1], c=labels)  # phase: visualization
plt.scatter(centroids[:, 0], centroids[:, 1], marker="*", s=300, c="red")  # phase: visualization
plt.show()  # phase: visualization
np.save("centroids.npy", centroids)  # phase: model_persistence
