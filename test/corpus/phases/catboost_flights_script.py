import pandas as pd  # phase: setup
from catboost import CatBoostClassifier, Pool  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import roc_auc_score  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

flights = pd.read_csv("flight_delays.csv")  # phase: data_loading
print(flights.shape)  # phase: data_exploration
print(flights.head())  # phase: data_exploration

flights["dep_delayed_15min"] = flights["dep_delayed_15min"].map({"Y": 1, "N": 0})  # phase: feature_engineering
flights["hour"] = flights["DepTime"] // 100  # phase: feature_engineering
flights["route"] = flights["Origin"] + "_" + flights["Dest"]  # phase: feature_engineering
cat_features = ["Month", "DayofMonth", "DayOfWeek", "UniqueCarrier", "Origin", "Dest", "route"]  # phase: feature_engineering

X = flights.drop(columns="dep_delayed_15min")  # phase: feature_engineering
y = flights["dep_delayed_15min"]  # phase: feature_engineering
X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, random_state=17)  # phase: data_splitting

cb = CatBoostClassifier(iterations=800, learning_rate=0.05, depth=6, eval_metric="AUC", verbose=100)  # phase: model_training
cb.fit(Pool(X_train, y_train, cat_features=cat_features), eval_set=Pool(X_valid, y_valid, cat_features=cat_features), early_stopping_rounds=100)  # phase: model_training

valid_proba = cb.predict_proba(X_valid)[:, 1]  # phase: prediction
print("AUC", roc_auc_score(y_valid, valid_proba))  # phase: model_evaluation

imp = pd.Series(cb.get_feature_importance(), index=X.columns).sort_values()  # phase: model_evaluation
imp.plot(kind="barh", figsize=(8, 6))  # phase: visualization
plt.show()  # phase: visualization

cb.save_model("flights.cbm")  # phase: model_persistence
