import pandas as pd  # phase: setup
from sklearn.compose import ColumnTransformer  # phase: setup
from sklearn.pipeline import Pipeline  # phase: setup
from sklearn.impute import SimpleImputer  # phase: setup
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # phase: setup
from sklearn.ensemble import GradientBoostingClassifier  # phase: setup
from sklearn.model_selection import train_test_split, cross_val_score  # phase: setup
from sklearn.metrics import balanced_accuracy_score  # phase: setup

adult = pd.read_csv("adult.csv", na_values="?")  # phase: data_loading
adult["income"] = (adult["income"] == ">50K").astype(int)  # phase: feature_engineering
num_cols = ["age", "hours_per_week", "capital_gain"]  # phase: feature_engineering
cat_cols = ["workclass", "education", "occupation"]  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(adult[num_cols + cat_cols], adult["income"], test_size=0.2, random_state=5)  # phase: data_splitting
numeric = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])  # phase: data_cleaning, feature_engineering
categorical = Pipeline([("impute", SimpleImputer(strategy="most_frequent")), ("onehot", OneHotEncoder(handle_unknown="ignore"))])  # phase: data_cleaning, feature_engineering
preprocess = ColumnTransformer([("num", numeric, num_cols), ("cat", categorical, cat_cols)])  # phase: feature_engineering
clf = Pipeline([("prep", preprocess), ("gb", GradientBoostingClassifier(n_estimators=200, learning_rate=0.1))])  # phase: model_training
scores = cross_val_score(clf, X_train, y_train, cv=5)  # phase: model_evaluation
print(scores.mean())  # phase: model_evaluation
clf.fit(X_train, y_train)  # phase: model_training
print(balanced_accuracy_score(y_test, clf.predict(X_test)))  # phase: model_evaluation
