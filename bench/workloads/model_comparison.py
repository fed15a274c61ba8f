"""scikit-learn model comparison on the shipped breast-cancer data (3.11 venv, nothing downloaded):
a module-level loop over five models with cross-validation, the best refitted, permutation
importance, and a matplotlib figure saved to the bench data directory (Agg backend)."""
import time

_T0 = time.perf_counter()

import os

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

OUT = os.environ.get("LABTRACE_BENCH_DATA", ".")
data = load_breast_cancer(as_frame=True)
df = data.frame
X, y = df.drop(columns=["target"]), df["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=1, stratify=y)
models = {
    "logreg": make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
    "knn": make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=7)),
    "tree": DecisionTreeClassifier(max_depth=5, random_state=0),
    "forest": RandomForestClassifier(n_estimators=100, random_state=0),
    "boosting": GradientBoostingClassifier(n_estimators=60, random_state=0),
}
results = {}
for name, model in models.items():
    scores = cross_val_score(model, X_train, y_train, cv=5, scoring="accuracy")
    results[name] = (scores.mean(), scores.std())
table = pd.DataFrame(results, index=["mean", "std"]).T.sort_values("mean", ascending=False)
best_name = table.index[0]
best = models[best_name].fit(X_train, y_train)
test_acc = best.score(X_test, y_test)
imp = permutation_importance(best, X_test, y_test, n_repeats=5, random_state=0)
top = pd.Series(imp.importances_mean, index=X.columns).sort_values(ascending=False).head(10)
fig, ax = plt.subplots(figsize=(6, 4))
top[::-1].plot.barh(ax=ax)
ax.set_title("permutation importance (%s)" % best_name)
fig.tight_layout()
fig.savefig(os.path.join(OUT, "model_comparison.png"))
print(table.round(4).to_string())
print("best %s test acc %.4f" % (best_name, test_acc))
print("LABTRACE_BENCH_ELAPSED=%.6f" % (time.perf_counter() - _T0))
