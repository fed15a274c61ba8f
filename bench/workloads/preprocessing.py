"""scikit-learn preprocessing pipeline: imputation, scaling, one-hot encoding, logistic regression,
cross-validation (3.11 venv). Data: LABTRACE_BENCH_DATA/customers.csv."""
import time

_T0 = time.perf_counter()

import os

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

DATA = os.path.join(os.environ.get("LABTRACE_BENCH_DATA", "."), "customers.csv")

df = pd.read_csv(DATA)
numeric = ["age", "income", "tenure", "balance", "visits"]
categorical = ["region", "plan", "channel"]
X, y = df[numeric + categorical], df["churn"]
pre = ColumnTransformer([
    ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
    ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")), ("onehot", OneHotEncoder(handle_unknown="ignore"))]), categorical),
])
pipe = Pipeline([("pre", pre), ("clf", LogisticRegression(max_iter=500, C=0.5))])
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0, stratify=y)
scores = cross_val_score(pipe, X_train, y_train, cv=3, scoring="roc_auc")
pipe.fit(X_train, y_train)
auc = roc_auc_score(y_test, pipe.predict_proba(X_test)[:, 1])
print("cv auc %.3f +- %.3f, test auc %.3f" % (scores.mean(), scores.std(), auc))
print("LABTRACE_BENCH_ELAPSED=%.6f" % (time.perf_counter() - _T0))
