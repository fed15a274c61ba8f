import lightgbm as lgb  # phase: setup
import numpy as np  # phase: setup
import pandas as pd  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup

ratings = pd.read_csv("ratings_features.csv")  # phase: data_loading
X_train, X_valid, y_train, y_valid = train_test_split(ratings.drop(columns="rating"), ratings["rating"], test_size=0.1)  # phase: data_splitting
dtrain = lgb.Dataset(X_train, label=y_train)  # phase: model_training
dvalid = lgb.Dataset(X_valid, label=y_valid, reference=dtrain)  # phase: model_training
params = {"objective": "regression", "metric": "rmse", "learning_rate": 0.05, "num_leaves": 63}  # phase: model_training
booster = lgb.train(params, dtrain, num_boost_round=2000, valid_sets=[dvalid], callbacks=[lgb.early_stopping(100)])  # phase: model_training
pred = booster.predict(X_valid, num_iteration=booster.best_iteration)  # phase: prediction
print("RMSE", np.sqrt(np.mean((pred - y_valid) ** 2)))  # phase: model_evaluation
booster.save_model("ratings.txt")  # phase: model_persistence
