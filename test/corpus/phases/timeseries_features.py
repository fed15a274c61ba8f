import pandas as pd  # phase: setup
import numpy as np  # phase: setup
from sklearn.ensemble import GradientBoostingRegressor  # phase: setup
from sklearn.metrics import mean_absolute_error  # phase: setup
from sklearn.model_selection import TimeSeriesSplit  # phase: setup

energy = pd.read_csv("energy.csv", parse_dates=["timestamp"])  # phase: data_loading
energy = energy.sort_values("timestamp")  # phase: data_cleaning
energy = energy.set_index("timestamp")  # phase: data_cleaning
energy["hour"] = energy.index.hour  # phase: feature_engineering
energy["dayofweek"] = energy.index.dayofweek  # phase: feature_engineering
energy["lag_24"] = energy["load"].shift(24)  # phase: feature_engineering
energy["rolling_mean_7d"] = energy["load"].rolling(24 * 7).mean()  # phase: feature_engineering
energy = energy.dropna()  # phase: data_cleaning
X = energy[["hour", "dayofweek", "lag_24", "rolling_mean_7d", "temperature"]]  # phase: feature_engineering
y = energy["load"]  # phase: feature_engineering
tscv = TimeSeriesSplit(n_splits=4)  # phase: data_splitting
errors = []  # phase: model_training, model_evaluation
for train_idx, test_idx in tscv.split(X):  # phase: model_training, model_evaluation
    gbr = GradientBoostingRegressor(n_estimators=300, max_depth=3)
    gbr.fit(X.iloc[train_idx], y.iloc[train_idx])
    errors.append(mean_absolute_error(y.iloc[test_idx], gbr.predict(X.iloc[test_idx])))
print("MAE per fold", np.round(errors, 1))  # phase: model_evaluation
