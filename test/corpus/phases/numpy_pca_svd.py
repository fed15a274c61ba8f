import numpy as np  # phase: setup
import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

wine = pd.read_csv("wine.csv")  # phase: data_loading
print(wine.head())  # phase: data_exploration
labels = wine.pop("class").values  # phase: feature_engineering
X = wine.values.astype(float)  # phase: feature_engineering
X_centered = (X - X.mean(axis=0)) / X.std(axis=0)  # phase: feature_engineering

U, S, Vt = np.linalg.svd(X_centered, full_matrices=False)  # phase: feature_engineering
explained = S ** 2 / np.sum(S ** 2)  # phase: feature_engineering
print(np.cumsum(explained)[:5])  # phase: data_exploration
plt.bar(range(1, len(explained) + 1), explained)  # phase: visualization
plt.xlabel("component")  # phase: visualization
plt.show()  # phase: visualization

projected = X_centered @ Vt[:2].T  # phase: feature_engineering
for c in np.unique(labels):  # phase: visualization
    plt.scatter(projected[labels == c, 0], projected[labels == c, 1], label=str(c))
plt.legend()  # phase: visualization
plt.show()  # phase: visualization
