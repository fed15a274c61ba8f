import joblib  # phase: setup
import numpy as np  # phase: setup
import pandas as pd  # phase: setup

model = joblib.load("churn_model.joblib")  # phase: model_persistence
new_customers = pd.read_csv("customers_2024_06.csv")  # phase: data_loading
features = ["tenure", "monthly_charges", "total_charges", "contract_months"]  # phase: feature_engineering
X_new = new_customers[features].fillna(0)  # phase: feature_engineering, data_cleaning

churn_proba = model.predict_proba(X_new)[:, 1]  # phase: prediction
churn_pred = (churn_proba >= 0.35).astype(int)  # phase: prediction
new_customers["churn_probability"] = churn_proba  # phase: prediction
new_customers["churn_flag"] = churn_pred  # phase: prediction

at_risk = new_customers.sort_values("churn_probability", ascending=False).head(100)  # phase: prediction
print(at_risk[["customer_id", "churn_probability"]])  # phase: prediction
at_risk.to_csv("at_risk_customers.csv", index=False)  # phase: model_persistence
