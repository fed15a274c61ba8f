"""pandas with its work at module level (3.11 venv, no data file): a 1M-row DataFrame generated with
NumPy, cleaned and feature-engineered in module-level loops over columns and groups, a loop over
200k rows with itertuples, and a least-squares fit; the large frame stays in module globals and is
rebound by many later statements."""
import time

_T0 = time.perf_counter()

import numpy as np
import pandas as pd

rng = np.random.default_rng(11)
N = 1000000
CITIES = np.array(["berlin", "paris", "rome", "madrid", "vienna", "lisbon", "prague", "oslo"])
df = pd.DataFrame({
    "area": rng.uniform(20, 250, N),
    "rooms": rng.integers(1, 9, N),
    "year": rng.integers(1900, 2024, N),
    "distance": rng.uniform(0.1, 40, N),
    "city": CITIES[rng.integers(0, 8, N)],
})
df["price"] = 3000 * df["area"] * np.exp(-df["distance"] / 80) + 5000 * df["rooms"] + rng.normal(0, 15000, N)
df.loc[rng.random(N) < 0.01, "area"] = np.nan

df = df.dropna()
df["age"] = 2024 - df["year"]
for col in ["area", "distance", "age"]:
    df[col + "_z"] = (df[col] - df[col].mean()) / df[col].std()
stats = {}
for city, group in df.groupby("city"):
    stats[city] = (len(group), group["price"].mean(), group["price"].median())
df = df.assign(price_per_m2=df["price"] / df["area"])
df = df[df["price_per_m2"] < df["price_per_m2"].quantile(0.99)]

sample = df.head(200000)
expensive = 0
total_rooms = 0
for row in sample.itertuples(index=False):
    total_rooms += row.rooms
    if row.price > 600000:
        expensive += 1

features = ["area_z", "distance_z", "age_z", "rooms"]
X = np.column_stack([np.ones(len(df))] + [df[c].to_numpy(dtype=float) for c in features])
y = np.log(df["price"].clip(lower=1000).to_numpy())
coef, *_ = np.linalg.lstsq(X, y, rcond=None)
pred = X @ coef
rmse = float(np.sqrt(np.mean((pred - y) ** 2)))
by_rooms = df.groupby("rooms")["price"].agg(["mean", "count"])
df = df.sort_values("price")
print("rows %d expensive %d rooms %d rmse %.4f" % (len(df), expensive, total_rooms, rmse))
print("LABTRACE_BENCH_ELAPSED=%.6f" % (time.perf_counter() - _T0))
