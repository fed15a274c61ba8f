# Data preparation helpers for the churn analysis (imported by analysis.ipynb and train.py).
import numpy as np  # phase: setup
import pandas as pd  # phase: setup

RAW_PATH = "data/telco_churn.csv"  # phase: other


def raw_frame(path=RAW_PATH):  # phase: data_loading
    frame = pd.read_csv(path)
    return frame


def tidy(frame):  # phase: data_cleaning
    frame = frame.drop_duplicates(subset="customerID")
    frame["TotalCharges"] = pd.to_numeric(frame["TotalCharges"], errors="coerce")
    frame = frame.dropna(subset=["TotalCharges"])
    return frame.reset_index(drop=True)


def numeric_view(frame):  # phase: feature_engineering
    out = frame.copy()
    out["Churn"] = out["Churn"].map({"No": 0, "Yes": 1})
    out["tenure_years"] = out["tenure"] / 12
    out["charge_ratio"] = out["MonthlyCharges"] / (out["TotalCharges"] + 1)
    out = pd.get_dummies(out.drop(columns=["customerID"]), drop_first=True)
    return out


def missing_table(frame):  # phase: data_exploration
    counts = frame.isnull().sum()
    share = counts / len(frame) * 100
    return pd.DataFrame({"missing": counts, "percent": np.round(share, 1)})
