import numpy as np  # phase: setup
from sklearn.datasets import load_digits  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.neural_network import MLPClassifier  # phase: setup
from sklearn.metrics import accuracy_score  # phase: setup

X, y = load_digits(return_X_y=True)  # phase: data_loading
y_binary = (y == 0).astype(int)  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X / 16.0, y_binary, test_size=0.25, random_state=0)  # phase: data_splitting, feature_engineering

mlp = MLPClassifier(hidden_layer_sizes=(32,), max_iter=300).fit(X_train, y_train)  # phase: model_training
scores = mlp.predict_proba(X_test)[:, 1]  # phase: prediction
y_pred = (scores >= 0.3).astype(int)  # phase: prediction
print(accuracy_score(y_test, y_pred))  # phase: model_evaluation
