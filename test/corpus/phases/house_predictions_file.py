import pandas as pd  # phase: setup
import numpy as np  # phase: setup
from sklearn.linear_model import Ridge  # phase: setup
from sklearn.metrics import mean_squared_error  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup

train = pd.read_csv("train.csv")  # phase: data_loading
test = pd.read_csv("test.csv")  # phase: data_loading

train["SalePrice"] = np.log1p(train["SalePrice"])  # phase: feature_engineering
num_cols = train.select_dtypes("number").columns.drop(["Id", "SalePrice"])  # phase: feature_engineering
train[num_cols] = train[num_cols].fillna(train[num_cols].median())  # phase: data_cleaning
test[num_cols] = test[num_cols].fillna(train[num_cols].median())  # phase: data_cleaning

X_tr, X_va, y_tr, y_va = train_test_split(train[num_cols], train["SalePrice"], test_size=0.2, random_state=0)  # phase: data_splitting
ridge = Ridge(alpha=10.0)  # phase: model_training
ridge.fit(X_tr, y_tr)  # phase: model_training
rmse = np.sqrt(mean_squared_error(y_va, ridge.predict(X_va)))  # phase: model_evaluation, prediction
print("validation RMSE (log)", rmse)  # phase: model_evaluation

test_pred = np.expm1(ridge.predict(test[num_cols]))  # phase: prediction
submission = pd.DataFrame({"Id": test["Id"], "SalePrice": test_pred})  # phase: model_persistence
submission.to_csv("submission.csv", index=False)  # phase: model_persistence
