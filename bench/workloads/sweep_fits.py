"""scikit-learn: a sweep of 2,000 cheap fits in a loop, each with its metric (issue 11: every trial is
recorded, so this is the workload where recording them costs most relative to the work) (3.11 venv)."""
import time

_T0 = time.perf_counter()

from sklearn.datasets import make_regression
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error

X, y = make_regression(n_samples=60, n_features=4, noise=0.5, random_state=0)
best = None
for k in range(2000):
    alpha = 0.001 * (k + 1)
    model = Ridge(alpha=alpha)
    model.fit(X, y)
    mse = mean_squared_error(y, model.predict(X))
    if best is None or mse < best[1]:
        best = (alpha, mse)
print("best alpha %.3f mse %.4f" % best)
print("LABTRACE_BENCH_ELAPSED=%.6f" % (time.perf_counter() - _T0))
