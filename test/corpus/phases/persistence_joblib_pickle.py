import pickle  # phase: setup
import joblib  # phase: setup
import json  # phase: setup
from sklearn.datasets import make_classification  # phase: setup
from sklearn.ensemble import RandomForestClassifier  # phase: setup
from sklearn.metrics import accuracy_score  # phase: setup

X, y = make_classification(n_samples=2000, n_features=20, random_state=0)  # phase: data_loading
forest = RandomForestClassifier(n_estimators=50, random_state=0).fit(X, y)  # phase: model_training
joblib.dump(forest, "forest.joblib")  # phase: model_persistence
with open("forest.pkl", "wb") as fh:  # phase: model_persistence
    pickle.dump(forest, fh)
restored = joblib.load("forest.joblib")  # phase: model_persistence
with open("forest.pkl", "rb") as fh:  # phase: model_persistence
    restored2 = pickle.load(fh)
acc = accuracy_score(y, restored.predict(X))  # phase: model_evaluation
with open("metrics.json", "w") as fh:  # phase: model_persistence
    json.dump({"accuracy": acc}, fh)
