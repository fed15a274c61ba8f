"""labtrace demo experiment: predict apartment prices from their size.

Uses pandas + scikit-learn where installed; otherwise the same steps in plain Python, so the demo
runs on any CPython >= 3.8. Nothing in here knows about labtrace.
"""
import csv
import os
import statistics

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "apartments", "data", "apartments.csv")
TRAIN_SHARE = 0.75  # the line is fitted on this share of the rows, tested on the rest

try:
    import pandas as pd
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import mean_absolute_error
    from sklearn.model_selection import train_test_split
    HAVE_SKLEARN = True
except ImportError:
    HAVE_SKLEARN = False


def fit_line(xs, ys):
    """Least squares for y = a*x + b, by hand."""
    mx, my = statistics.mean(xs), statistics.mean(ys)
    var = sum((x - mx) ** 2 for x in xs)
    a = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var
    return a, my - a * mx


if HAVE_SKLEARN:
    houses = pd.read_csv(DATA)
    print(houses.describe().loc[["mean", "std"], ["size_m2", "price"]].round(1))
    houses = houses.dropna(subset=["size_m2"])
    X_train, X_test, y_train, y_test = train_test_split(houses[["size_m2"]], houses["price"], test_size=1 - TRAIN_SHARE, random_state=0)
    model = LinearRegression()
    model.fit(X_train, y_train)
    error = mean_absolute_error(y_test, model.predict(X_test))
else:
    with open(DATA, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["size_m2"]]
    sizes = [float(r["size_m2"]) for r in rows]
    prices = [float(r["price"]) for r in rows]
    print("rows:", len(rows), "mean price:", round(statistics.mean(prices), 1))
    cut = int(len(rows) * TRAIN_SHARE)
    a, b = fit_line(sizes[:cut], prices[:cut])
    error = statistics.mean(abs(a * x + b - y) for x, y in zip(sizes[cut:], prices[cut:]))

print("mean absolute error: %.0f EUR" % error)
