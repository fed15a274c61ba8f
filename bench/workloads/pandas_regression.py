"""pandas + scikit-learn: a 200k-row regression (3.11 venv). Data: LABTRACE_BENCH_DATA/housing200k.csv."""
import time

_T0 = time.perf_counter()

import os

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split

DATA = os.path.join(os.environ.get("LABTRACE_BENCH_DATA", "."), "housing200k.csv")

df = pd.read_csv(DATA)
df = df.dropna()
df["age"] = 2024 - df["year_built"]
df["area_per_room"] = df["area"] / df["rooms"].clip(lower=1)
df = pd.get_dummies(df, columns=["city"], drop_first=True)
features = [c for c in df.columns if c not in ("price", "year_built")]
X = df[features].astype(float)
y = np.log1p(df["price"])
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
model = LinearRegression()
model.fit(X_train, y_train)
pred = model.predict(X_test)
mae = mean_absolute_error(y_test, pred)
r2 = r2_score(y_test, pred)
by_city = df.groupby("rooms")["price"].agg(["mean", "median", "count"])
print("rows", len(df), "mae %.4f r2 %.4f" % (mae, r2), "groups", len(by_city))
print("LABTRACE_BENCH_ELAPSED=%.6f" % (time.perf_counter() - _T0))
