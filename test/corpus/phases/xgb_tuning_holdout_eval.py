import pandas as pd  # phase: setup
import xgboost as xgb  # phase: setup
from sklearn.model_selection import GridSearchCV, train_test_split  # phase: setup
from sklearn.metrics import roc_auc_score, accuracy_score  # phase: setup

df = pd.read_csv("diabetes.csv")  # phase: data_loading
df = df.replace({"Glucose": {0: None}}).dropna()  # phase: data_cleaning
X, y = df.drop(columns="Outcome"), df["Outcome"]  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)  # phase: data_splitting

grid = {"max_depth": [3, 5, 7], "learning_rate": [0.05, 0.1], "n_estimators": [200, 400]}  # phase: hyperparameter_tuning
gs = GridSearchCV(xgb.XGBClassifier(eval_metric="logloss"), grid, scoring="roc_auc", cv=4)  # phase: hyperparameter_tuning
gs.fit(X_train, y_train)  # phase: hyperparameter_tuning
best = gs.best_estimator_  # phase: hyperparameter_tuning

test_proba = best.predict_proba(X_test)[:, 1]  # phase: prediction
test_pred = best.predict(X_test)  # phase: prediction
print("AUC", roc_auc_score(y_test, test_proba))  # phase: model_evaluation
print("accuracy", accuracy_score(y_test, test_pred))  # phase: model_evaluation
