# Grocery store daily sales: lag features, XGBoost on a DMatrix, a walk-forward check and a recursive 28-day forecast.
import numpy as np  # phase: setup
import pandas as pd  # phase: setup
import xgboost as xgb  # phase: setup
from sklearn.metrics import mean_absolute_error  # phase: setup

pd.options.mode.chained_assignment = None  # phase: setup

sales = pd.read_csv("train_store7.csv", parse_dates=["date"])  # phase: data_loading
holidays = pd.read_csv("holidays_events.csv", parse_dates=["date"])  # phase: data_loading
print(sales.shape, sales["date"].min(), sales["date"].max())  # phase: data_exploration
print(sales["family"].value_counts().head())  # phase: data_exploration
print(sales.groupby(sales["date"].dt.dayofweek)["sales"].mean().round(1))  # phase: data_exploration

sales = sales[sales["family"] == "GROCERY I"].copy()  # phase: data_cleaning
sales = sales.drop_duplicates(subset="date").set_index("date").sort_index()  # phase: data_cleaning
sales = sales.asfreq("D")  # phase: data_cleaning
print("missing days:", sales["sales"].isna().sum())  # phase: data_exploration
sales["sales"] = sales["sales"].interpolate(limit=3).fillna(0.0)  # phase: data_cleaning
sales.loc[sales.index.strftime("%m-%d") == "12-25", "sales"] = np.nan  # phase: data_cleaning
sales["sales"] = sales["sales"].fillna(sales["sales"].rolling(14, min_periods=1, center=True).median())  # phase: data_cleaning
sales["onpromotion"] = sales["onpromotion"].fillna(0).astype(int)  # phase: feature_engineering
holidays = holidays[holidays["transferred"] == False].drop_duplicates(subset="date")  # phase: data_cleaning

LAGS = [7, 14, 21, 28, 364]  # phase: other


def add_features(frame):  # phase: feature_engineering
    out = frame.copy()
    out["dow"] = out.index.dayofweek
    out["month"] = out.index.month
    out["day"] = out.index.day
    out["payday"] = ((out.index.day == 15) | out.index.is_month_end).astype(int)
    out["holiday"] = out.index.isin(holidays["date"]).astype(int)
    for lag in LAGS:
        out[f"lag_{lag}"] = out["sales"].shift(lag)
    out["roll_mean_28"] = out["sales"].shift(7).rolling(28).mean()
    out["roll_std_28"] = out["sales"].shift(7).rolling(28).std()
    return out


feat = add_features(sales)  # phase: feature_engineering
feat = feat.dropna(subset=[f"lag_{LAGS[-1]}"])  # phase: feature_engineering
FEATURES = ["dow", "month", "day", "payday", "holiday", "onpromotion", "roll_mean_28", "roll_std_28"] + [f"lag_{l}" for l in LAGS]  # phase: feature_engineering
print(feat[FEATURES].describe().T[["mean", "std"]])  # phase: data_exploration

params = {"objective": "reg:squarederror", "eta": 0.03, "max_depth": 5, "subsample": 0.8, "colsample_bytree": 0.8, "seed": 0}  # phase: model_training

fold_mae = []  # phase: model_evaluation
for cutoff in pd.date_range("2016-09-01", "2017-06-01", freq="3MS"):  # phase: model_evaluation, model_training
    tr = feat[feat.index < cutoff]
    va = feat[(feat.index >= cutoff) & (feat.index < cutoff + pd.Timedelta(days=28))]
    booster = xgb.train(params, xgb.DMatrix(tr[FEATURES], label=tr["sales"]), num_boost_round=800)
    va_pred = booster.predict(xgb.DMatrix(va[FEATURES]))
    fold_mae.append(mean_absolute_error(va["sales"], va_pred))
    naive_mae = mean_absolute_error(va["sales"], va["lag_7"])
    print(cutoff.date(), "xgb", round(fold_mae[-1], 1), "seasonal naive", round(naive_mae, 1))
print("mean walk-forward MAE", np.mean(fold_mae))  # phase: model_evaluation

dtrain = xgb.DMatrix(feat[FEATURES], label=feat["sales"])  # phase: model_training
final = xgb.train(params, dtrain, num_boost_round=800)  # phase: model_training
importance = pd.Series(final.get_score(importance_type="gain")).sort_values(ascending=False)  # phase: model_evaluation
print(importance.head(10).round(0))  # phase: model_evaluation

history = sales[["sales", "onpromotion"]].copy()  # phase: prediction
future_days = pd.date_range(history.index[-1] + pd.Timedelta(days=1), periods=28, freq="D")  # phase: prediction
for day in future_days:  # phase: prediction
    history.loc[day, ["sales", "onpromotion"]] = [np.nan, 0]
    row = add_features(history).loc[[day], FEATURES]
    history.loc[day, "sales"] = max(0.0, float(final.predict(xgb.DMatrix(row))[0]))
forecast = history.loc[future_days, "sales"].round(1)  # phase: prediction
print(forecast.head(14))  # phase: prediction

forecast.rename("sales_forecast").to_csv("store7_grocery_forecast.csv")  # phase: model_persistence
final.save_model("store7_grocery.json")  # phase: model_persistence
