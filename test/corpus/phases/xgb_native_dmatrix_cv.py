import pandas as pd  # phase: setup
import numpy as np  # phase: setup
import xgboost as xgb  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import roc_auc_score, accuracy_score  # phase: setup

higgs = pd.read_csv("higgs_sample.csv")  # phase: data_loading
print(higgs.shape)  # phase: data_exploration
higgs = higgs.replace(-999.0, np.nan)  # phase: data_cleaning
X = higgs.drop(columns=["EventId", "Label"])  # phase: feature_engineering
y = (higgs["Label"] == "s").astype(int)  # phase: feature_engineering
X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)  # phase: data_splitting

dtrain = xgb.DMatrix(X_train, label=y_train)  # phase: model_training
dvalid = xgb.DMatrix(X_valid, label=y_valid)  # phase: model_training
params = {"objective": "binary:logistic", "eta": 0.1, "max_depth": 6, "eval_metric": "auc", "subsample": 0.8}  # phase: model_training
booster = xgb.train(params, dtrain, num_boost_round=500, evals=[(dtrain, "train"), (dvalid, "valid")], early_stopping_rounds=30, verbose_eval=50)  # phase: model_training
print("best iteration", booster.best_iteration)  # phase: model_evaluation

cv_results = xgb.cv(params, dtrain, num_boost_round=200, nfold=5, early_stopping_rounds=20)  # phase: model_evaluation
print(cv_results.tail())  # phase: model_evaluation

valid_prob = booster.predict(dvalid)  # phase: prediction
print("AUC", roc_auc_score(y_valid, valid_prob))  # phase: model_evaluation
print("accuracy", accuracy_score(y_valid, valid_prob > 0.5))  # phase: model_evaluation

xgb.plot_importance(booster, max_num_features=15)  # phase: visualization
plt.tight_layout()  # phase: visualization
plt.show()  # phase: visualization
booster.save_model("higgs.json")  # phase: model_persistence
