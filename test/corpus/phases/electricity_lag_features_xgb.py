import pandas as pd  # phase: setup
import numpy as np  # phase: setup
from xgboost import XGBRegressor  # phase: setup
from sklearn.model_selection import TimeSeriesSplit  # phase: setup
from sklearn.metrics import mean_absolute_error  # phase: setup

load = pd.read_csv("pjme_hourly.csv", index_col="Datetime", parse_dates=True).sort_index()  # phase: data_loading
load = load[~load.index.duplicated()]  # phase: data_cleaning


def add_time_features(df):  # phase: feature_engineering
    df = df.copy()
    df["hour"] = df.index.hour
    df["dayofweek"] = df.index.dayofweek
    df["month"] = df.index.month
    df["dayofyear"] = df.index.dayofyear
    return df


def add_lags(df, target="PJME_MW"):  # phase: feature_engineering
    df = df.copy()
    for lag in (24, 48, 168):
        df[f"lag_{lag}"] = df[target].shift(lag)
    df["rolling_24"] = df[target].shift(1).rolling(24).mean()
    return df


load = add_lags(add_time_features(load)).dropna()  # phase: feature_engineering, data_cleaning
FEATURES = [c for c in load.columns if c != "PJME_MW"]  # phase: feature_engineering

tss = TimeSeriesSplit(n_splits=4, test_size=24 * 365)  # phase: data_splitting
maes = []  # phase: model_evaluation
for train_idx, val_idx in tss.split(load):  # phase: model_training, model_evaluation, data_splitting
    tr, va = load.iloc[train_idx], load.iloc[val_idx]
    reg = XGBRegressor(n_estimators=600, learning_rate=0.05, max_depth=5, early_stopping_rounds=50)
    reg.fit(tr[FEATURES], tr["PJME_MW"], eval_set=[(va[FEATURES], va["PJME_MW"])], verbose=False)
    maes.append(mean_absolute_error(va["PJME_MW"], reg.predict(va[FEATURES])))
print("fold MAE", np.round(maes, 1), "mean", np.mean(maes))  # phase: model_evaluation
