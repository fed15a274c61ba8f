import os  # phase: setup
import joblib  # phase: setup
import pandas as pd  # phase: setup

for dirname, _, filenames in os.walk("/kaggle/input"):  # phase: other
    for filename in filenames:
        print(os.path.join(dirname, filename))

clf = joblib.load("/kaggle/input/churn-model/clf.joblib")  # phase: model_persistence
customers = pd.read_csv("/kaggle/input/churn/new_customers.csv")  # phase: data_loading
X = customers[["tenure", "charges", "calls"]].fillna(0)  # phase: feature_engineering, data_cleaning

proba = clf.predict_proba(X)[:, 1]  # phase: prediction
labels = (proba > 0.5).astype(int)  # phase: prediction
customers["churn_label"] = labels  # phase: prediction
customers["churn_score"] = proba  # phase: prediction

print(customers[["customer_id", "churn_score"]].head(20))  # phase: prediction
customers.groupby("churn_label")["charges"].mean()  # phase: model_evaluation
customers[["customer_id", "churn_label"]].to_csv("churn_labels.csv", index=False)  # phase: model_persistence
