"""Grid search over a pipeline with a column transformer on a mixed-type frame."""
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

rng = np.random.default_rng(0)
df = pd.DataFrame({"age": rng.integers(18, 80, 400).astype(float), "income": rng.normal(50, 15, 400),
                   "city": rng.choice(["paris", "lyon", "nice"], 400)})
df.loc[::17, "income"] = np.nan
target = (df["income"].fillna(50) + df["age"] / 2 > 70).astype(int)
X_train, X_test, y_train, y_test = train_test_split(df, target, random_state=0)
numeric = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
pre = ColumnTransformer([("num", numeric, ["age", "income"]), ("cat", OneHotEncoder(handle_unknown="ignore"), ["city"])])
pipe = Pipeline([("pre", pre), ("clf", RandomForestClassifier(random_state=0))])
grid = GridSearchCV(pipe, {"clf__n_estimators": [10, 30], "clf__max_depth": [3, None]}, cv=3)
grid.fit(X_train, y_train)
test_acc = grid.score(X_test, y_test)
print(grid.best_params_, round(test_acc, 3))
