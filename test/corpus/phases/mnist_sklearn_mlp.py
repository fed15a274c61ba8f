from sklearn.datasets import fetch_openml  # phase: setup
from sklearn.neural_network import MLPClassifier  # phase: setup
from sklearn.metrics import accuracy_score, ConfusionMatrixDisplay  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
import numpy as np  # phase: setup

X, y = fetch_openml("mnist_784", version=1, return_X_y=True, as_frame=False)  # phase: data_loading
X = X / 255.0  # phase: feature_engineering
X_train, X_test, y_train, y_test = X[:60000], X[60000:], y[:60000], y[60000:]  # phase: data_splitting

fig, axes = plt.subplots(2, 5, figsize=(10, 4))  # phase: visualization
for ax, img, label in zip(axes.ravel(), X_train, y_train):  # phase: visualization
    ax.imshow(img.reshape(28, 28), cmap="gray")
    ax.set_title(label)

mlp = MLPClassifier(hidden_layer_sizes=(100,), max_iter=20, alpha=1e-4, solver="sgd", learning_rate_init=0.1, verbose=True)  # phase: model_training
mlp.fit(X_train, y_train)  # phase: model_training
print("train acc", mlp.score(X_train, y_train))  # phase: model_evaluation
y_pred = mlp.predict(X_test)  # phase: prediction
print("test acc", accuracy_score(y_test, y_pred))  # phase: model_evaluation
ConfusionMatrixDisplay.from_predictions(y_test, y_pred)  # phase: visualization
plt.plot(mlp.loss_curve_)  # phase: visualization
plt.show()  # phase: visualization
