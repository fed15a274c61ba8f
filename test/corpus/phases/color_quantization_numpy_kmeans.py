# Colour quantisation of a photo with k-means written in NumPy (k-means++ start, elbow over k).
import numpy as np  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
import matplotlib.image as mpimg  # phase: setup

img = mpimg.imread("parrots.png")  # phase: data_loading
print(img.shape, img.dtype, img.min(), img.max())  # phase: data_exploration
plt.imshow(img)  # phase: visualization
plt.axis("off")  # phase: visualization
plt.show()  # phase: visualization

img = img[:, :, :3]  # phase: data_cleaning
pixels = img.reshape(-1, 3).astype(np.float64)  # phase: feature_engineering
rng = np.random.default_rng(42)  # phase: setup
sample = pixels[rng.choice(len(pixels), 20000, replace=False)]  # phase: data_splitting


def init_plus_plus(X, k, rng):  # phase: model_training
    centers = [X[rng.integers(len(X))]]
    for _ in range(1, k):
        d2 = np.min(((X[:, None, :] - np.array(centers)[None]) ** 2).sum(-1), axis=1)
        centers.append(X[rng.choice(len(X), p=d2 / d2.sum())])
    return np.array(centers)


def kmeans(X, k, rng, n_iter=50, tol=1e-6):  # phase: model_training
    centers = init_plus_plus(X, k, rng)
    for _ in range(n_iter):
        dist = ((X[:, None, :] - centers[None]) ** 2).sum(-1)
        labels = dist.argmin(1)
        new = np.array([X[labels == j].mean(0) if np.any(labels == j) else centers[j] for j in range(k)])
        shift = np.abs(new - centers).max()
        centers = new
        if shift < tol:
            break
    return centers, labels


def inertia(X, centers):  # phase: model_evaluation
    return ((X[:, None, :] - centers[None]) ** 2).sum(-1).min(1).sum()


inertias = []  # phase: hyperparameter_tuning
for k in range(2, 13, 2):  # phase: hyperparameter_tuning
    centers, _ = kmeans(sample, k, rng)
    inertias.append(inertia(sample, centers))
    print(k, round(inertias[-1], 2))

plt.plot(list(range(2, 13, 2)), inertias, "o-")  # phase: visualization
plt.xlabel("k")  # phase: visualization
plt.ylabel("inertia")  # phase: visualization
plt.show()  # phase: visualization

palette, _ = kmeans(sample, 8, rng)  # phase: model_training
codes = ((pixels[:, None, :] - palette[None]) ** 2).sum(-1).argmin(1)  # phase: prediction
quantized = palette[codes].reshape(img.shape[0], img.shape[1], 3)  # phase: prediction
print("distinct colours", len(np.unique(pixels, axis=0)), "->", len(palette))  # phase: model_evaluation
err = np.sqrt(((pixels - palette[codes]) ** 2).mean())  # phase: model_evaluation
print("RMS colour error", err)  # phase: model_evaluation

fig, axes = plt.subplots(1, 2, figsize=(12, 5))  # phase: visualization
axes[0].imshow(img)  # phase: visualization
axes[1].imshow(quantized)  # phase: visualization
axes[1].set_title("8 colours")  # phase: visualization
plt.show()  # phase: visualization
plt.imsave("parrots_8.png", quantized)  # phase: model_persistence
np.save("palette.npy", palette)  # phase: model_persistence
