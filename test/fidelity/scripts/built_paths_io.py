"""Data read through built paths and written back (os.path.join, pathlib, a helper function)."""
import os
from pathlib import Path

import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score

DATA = Path(__file__).parent / "data"
DATA.mkdir(exist_ok=True)
pd.DataFrame({"x": range(50), "y": [2 * i + 1 for i in range(50)]}).to_csv(os.path.join(DATA, "points.csv"), index=False)


def load(name):
    return pd.read_csv(DATA / name)


df = load("points.csv")
model = LinearRegression(fit_intercept=True)
model.fit(df[["x"]], df["y"])
r2 = r2_score(df["y"], model.predict(df[["x"]]))
df.assign(pred=model.predict(df[["x"]])).to_csv(DATA / f"predictions_{len(df)}.csv", index=False)
print(r2)
