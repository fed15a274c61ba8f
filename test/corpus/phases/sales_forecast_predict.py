import joblib  # phase: setup
import pandas as pd  # phase: setup

model = joblib.load("sales_model.joblib")  # phase: model_persistence
future = pd.read_csv("future_weeks.csv")  # phase: data_loading
future["week"] = pd.to_datetime(future["week"])  # phase: data_cleaning
future["month"] = future["week"].dt.month  # phase: feature_engineering
future["year"] = future["week"].dt.year  # phase: feature_engineering

X_future = future[["store", "month", "year", "promo"]]  # phase: feature_engineering
forecast = model.predict(X_future)  # phase: prediction
future["forecast"] = forecast  # phase: prediction
print(future[["store", "week", "forecast"]].head())  # phase: prediction
future[["store", "week", "forecast"]].to_csv("forecast.csv", index=False)  # phase: model_persistence
