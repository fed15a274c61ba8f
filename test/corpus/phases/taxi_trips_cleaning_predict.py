import pandas as pd  # phase: setup
import numpy as np  # phase: setup
from sklearn.linear_model import Ridge  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import mean_absolute_error  # phase: setup

trips = pd.read_parquet("yellow_tripdata.parquet")  # phase: data_loading
trips = trips.dropna(subset=["passenger_count", "trip_distance"])  # phase: data_cleaning
trips = trips[(trips["fare_amount"] > 0) & (trips["fare_amount"] < 500)]  # phase: data_cleaning
trips = trips[trips["trip_distance"].between(0.1, 100)]  # phase: data_cleaning
trips["passenger_count"] = trips["passenger_count"].astype(int)  # phase: data_cleaning
trips = trips.drop_duplicates(subset=["pickup_datetime", "dropoff_datetime"])  # phase: data_cleaning

trips["duration_min"] = (trips["dropoff_datetime"] - trips["pickup_datetime"]).dt.total_seconds() / 60  # phase: feature_engineering
X = trips[["trip_distance", "passenger_count", "duration_min"]]  # phase: feature_engineering
y = trips["fare_amount"]  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3)  # phase: data_splitting

ridge = Ridge(alpha=1.0).fit(X_train, y_train)  # phase: model_training
fare_pred = ridge.predict(X_test)  # phase: prediction
print("MAE", mean_absolute_error(y_test, fare_pred))  # phase: model_evaluation
residuals = y_test - fare_pred  # phase: model_evaluation
print(residuals.describe())  # phase: model_evaluation
