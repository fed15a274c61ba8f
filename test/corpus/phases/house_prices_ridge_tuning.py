import numpy as np  # phase: setup
import pandas as pd  # phase: setup
from sklearn.linear_model import Ridge  # phase: setup
from sklearn.model_selection import GridSearchCV, cross_val_score, train_test_split  # phase: setup
from sklearn.metrics import mean_squared_error  # phase: setup

houses = pd.read_csv("house_train.csv")  # phase: data_loading
houses = houses[houses["GrLivArea"] < 4500]  # phase: data_cleaning
houses["LotFrontage"] = houses["LotFrontage"].fillna(houses["LotFrontage"].median())  # phase: data_cleaning
houses["TotalSF"] = houses["TotalBsmtSF"] + houses["1stFlrSF"] + houses["2ndFlrSF"]  # phase: feature_engineering
y = np.log1p(houses["SalePrice"])  # phase: feature_engineering
X = houses[["OverallQual", "TotalSF", "GrLivArea", "GarageCars", "YearBuilt"]]  # phase: feature_engineering
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=3)  # phase: data_splitting

alphas = [0.1, 1.0, 3.0, 10.0, 30.0]  # phase: hyperparameter_tuning
cv_rmse = []  # phase: hyperparameter_tuning
for a in alphas:  # phase: hyperparameter_tuning
    s = cross_val_score(Ridge(alpha=a), X_train, y_train, cv=5, scoring="neg_root_mean_squared_error")
    cv_rmse.append(-s.mean())
best_alpha = alphas[int(np.argmin(cv_rmse))]  # phase: hyperparameter_tuning

grid = GridSearchCV(Ridge(), {"alpha": np.logspace(-2, 2, 9)}, cv=5)  # phase: hyperparameter_tuning
grid.fit(X_train, y_train)  # phase: hyperparameter_tuning
print(grid.best_params_)  # phase: hyperparameter_tuning

final = Ridge(alpha=best_alpha).fit(X_train, y_train)  # phase: model_training
val_pred = final.predict(X_val)  # phase: prediction
print("val RMSE", np.sqrt(mean_squared_error(y_val, val_pred)))  # phase: model_evaluation
