import pandas as pd  # phase: setup
import numpy as np  # phase: setup

people = pd.read_csv("census_sample.csv")  # phase: data_loading
print(people.describe())  # phase: data_exploration

people["age_band"] = pd.cut(people["age"], bins=[0, 18, 30, 45, 60, 100], labels=["child", "young", "adult", "middle", "senior"])  # phase: feature_engineering
people["income_q"] = pd.qcut(people["income"], q=4, labels=False)  # phase: feature_engineering
people["log_income"] = np.log1p(people["income"])  # phase: feature_engineering
people["is_married"] = (people["marital_status"] == "Married").astype(int)  # phase: feature_engineering
people["hours_bucket"] = np.where(people["hours_per_week"] > 40, "overtime", "regular")  # phase: feature_engineering

people = pd.get_dummies(people, columns=["age_band", "hours_bucket", "workclass"])  # phase: feature_engineering
print(people.shape)  # phase: data_exploration
people.to_csv("census_features.csv", index=False)  # phase: feature_engineering
