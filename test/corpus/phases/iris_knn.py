import numpy as np  # phase: setup
from sklearn.datasets import load_iris  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.neighbors import KNeighborsClassifier  # phase: setup
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix  # phase: setup

np.random.seed(0)  # phase: setup
iris = load_iris()  # phase: data_loading
X, y = iris.data, iris.target  # phase: feature_engineering
print(X.shape, np.bincount(y))  # phase: data_exploration
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)  # phase: data_splitting

knn = KNeighborsClassifier(n_neighbors=5, weights="distance")  # phase: model_training
knn.fit(X_train, y_train)  # phase: model_training
y_pred = knn.predict(X_test)  # phase: prediction
print("accuracy", accuracy_score(y_test, y_pred))  # phase: model_evaluation
print(classification_report(y_test, y_pred, target_names=iris.target_names))  # phase: model_evaluation
cm = confusion_matrix(y_test, y_pred)  # phase: model_evaluation
print(cm)  # phase: model_evaluation
