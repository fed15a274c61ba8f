import pandas as pd  # phase: setup
import numpy as np  # phase: setup

loans = pd.read_csv("loans.csv")  # phase: data_loading
print(loans.isnull().sum())  # phase: data_exploration
loans = loans.drop_duplicates(subset=["loan_id"])  # phase: data_cleaning
loans["income"] = loans["income"].replace(-1, np.nan)  # phase: data_cleaning
loans["income"] = loans["income"].fillna(loans["income"].median())  # phase: data_cleaning
loans["issue_date"] = pd.to_datetime(loans["issue_date"], errors="coerce")  # phase: data_cleaning
loans["rate"] = loans["rate"].str.rstrip("%").astype(float)  # phase: data_cleaning
q1, q3 = loans["amount"].quantile([0.25, 0.75])  # phase: data_cleaning
iqr = q3 - q1  # phase: data_cleaning
loans = loans[(loans["amount"] >= q1 - 1.5 * iqr) & (loans["amount"] <= q3 + 1.5 * iqr)]  # phase: data_cleaning
loans = loans.dropna(subset=["issue_date"])  # phase: data_cleaning
loans["grade"] = loans["grade"].str.strip().str.upper()  # phase: data_cleaning
print(loans.shape)  # phase: data_exploration
