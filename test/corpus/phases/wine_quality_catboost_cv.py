# Wine quality (red + white) with CatBoost: merged frames, a wine-type flag, 5-fold CV, a grid over depth.
import numpy as np  # phase: setup
import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from catboost import CatBoostRegressor  # phase: setup
from sklearn.model_selection import KFold, train_test_split  # phase: setup
from sklearn.metrics import mean_squared_error  # phase: setup

red = pd.read_csv("winequality-red.csv", sep=";")  # phase: data_loading
white = pd.read_csv("winequality-white.csv", sep=";")  # phase: data_loading
red["is_red"] = 1  # phase: feature_engineering
white["is_red"] = 0  # phase: feature_engineering
wine = pd.concat([red, white], ignore_index=True)  # phase: data_loading
wine.describe().T  # phase: data_exploration
wine.corr()["quality"].sort_values()  # phase: data_exploration

wine["quality"].hist(bins=7)  # phase: visualization
plt.show()  # phase: visualization

wine["acid_ratio"] = wine["fixed acidity"] / wine["volatile acidity"]  # phase: feature_engineering
wine["sulfur_free_share"] = wine["free sulfur dioxide"] / wine["total sulfur dioxide"]  # phase: feature_engineering
X = wine.drop(columns="quality")  # phase: feature_engineering
y = wine["quality"]  # phase: feature_engineering
X_dev, X_hold, y_dev, y_hold = train_test_split(X, y, test_size=0.2, random_state=5)  # phase: data_splitting

kf = KFold(n_splits=5, shuffle=True, random_state=5)  # phase: data_splitting
cv_rmse = {}  # phase: hyperparameter_tuning
for depth in [4, 6, 8]:  # phase: hyperparameter_tuning
    fold_scores = []
    for tr_idx, va_idx in kf.split(X_dev):
        m = CatBoostRegressor(depth=depth, iterations=800, learning_rate=0.05, verbose=0)
        m.fit(X_dev.iloc[tr_idx], y_dev.iloc[tr_idx])
        p = m.predict(X_dev.iloc[va_idx])
        fold_scores.append(mean_squared_error(y_dev.iloc[va_idx], p) ** 0.5)
    cv_rmse[depth] = np.mean(fold_scores)
print(cv_rmse)  # phase: hyperparameter_tuning

best_depth = min(cv_rmse, key=cv_rmse.get)  # phase: hyperparameter_tuning
final = CatBoostRegressor(depth=best_depth, iterations=800, learning_rate=0.05, verbose=0)  # phase: model_training
final.fit(X_dev, y_dev)  # phase: model_training
hold_pred = final.predict(X_hold)  # phase: prediction
print("hold-out RMSE:", mean_squared_error(y_hold, hold_pred) ** 0.5)  # phase: model_evaluation

imp = pd.Series(final.get_feature_importance(), index=X.columns).sort_values()  # phase: model_evaluation
imp.plot(kind="barh", figsize=(6, 8))  # phase: visualization
plt.show()  # phase: visualization
