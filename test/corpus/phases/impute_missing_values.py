import pandas as pd  # phase: setup
import numpy as np  # phase: setup
from sklearn.impute import KNNImputer  # phase: setup
import missingno as msno  # phase: setup

health = pd.read_csv("health_survey.csv")  # phase: data_loading
print(health.isna().mean().sort_values(ascending=False))  # phase: data_exploration
msno.matrix(health)  # phase: visualization
health = health.replace(-999, np.nan)  # phase: data_cleaning
health = health.drop(columns=["comments"])  # phase: data_cleaning
health["bmi"] = health["bmi"].fillna(health["bmi"].median())  # phase: data_cleaning
health["smoker"] = health["smoker"].fillna("unknown")  # phase: data_cleaning
health.loc[health["age"] > 110, "age"] = np.nan  # phase: data_cleaning
imputer = KNNImputer(n_neighbors=3)  # phase: data_cleaning
health[["age", "weight"]] = imputer.fit_transform(health[["age", "weight"]])  # phase: data_cleaning
health = health.astype({"age": int})  # phase: data_cleaning
health.to_csv("health_clean.csv", index=False)  # phase: data_cleaning
