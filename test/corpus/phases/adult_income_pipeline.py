import pandas as pd  # phase: setup
from sklearn.compose import ColumnTransformer  # phase: setup
from sklearn.pipeline import Pipeline  # phase: setup
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # phase: setup
from sklearn.impute import SimpleImputer  # phase: setup
from sklearn.linear_model import LogisticRegression  # phase: setup
from sklearn.model_selection import train_test_split, GridSearchCV, cross_val_score  # phase: setup
from sklearn.metrics import accuracy_score  # phase: setup
import joblib  # phase: setup

adult = pd.read_csv("adult.csv", na_values="?")  # phase: data_loading
print(adult["income"].value_counts(normalize=True))  # phase: data_exploration
adult["income"] = (adult["income"] == ">50K").astype(int)  # phase: feature_engineering
numeric = ["age", "education-num", "capital-gain", "capital-loss", "hours-per-week"]  # phase: feature_engineering
categorical = ["workclass", "marital-status", "occupation", "relationship", "race", "sex"]  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(adult[numeric + categorical], adult["income"], test_size=0.2, stratify=adult["income"], random_state=1)  # phase: data_splitting

preprocess = ColumnTransformer([  # phase: feature_engineering
    ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
    ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")), ("onehot", OneHotEncoder(handle_unknown="ignore"))]), categorical),
])
clf = Pipeline([("prep", preprocess), ("lr", LogisticRegression(max_iter=2000))])  # phase: model_training
print(cross_val_score(clf, X_train, y_train, cv=5).mean())  # phase: model_evaluation

grid = GridSearchCV(clf, {"lr__C": [0.01, 0.1, 1, 10]}, cv=5, scoring="accuracy", n_jobs=-1)  # phase: hyperparameter_tuning
grid.fit(X_train, y_train)  # phase: hyperparameter_tuning
print(grid.best_params_, grid.best_score_)  # phase: hyperparameter_tuning

test_pred = grid.predict(X_test)  # phase: prediction
print("test accuracy", accuracy_score(y_test, test_pred))  # phase: model_evaluation
joblib.dump(grid.best_estimator_, "adult_lr.joblib")  # phase: model_persistence
