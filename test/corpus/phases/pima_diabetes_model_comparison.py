# Pima Indians diabetes: zeros that mean "missing", a comparison of six classifiers, then scoring new patients.
import warnings  # phase: setup

import numpy as np  # phase: setup
import pandas as pd  # phase: setup
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier  # phase: setup
from sklearn.impute import SimpleImputer  # phase: setup
from sklearn.linear_model import LogisticRegression  # phase: setup
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, classification_report, confusion_matrix,  # phase: setup
                             roc_auc_score, brier_score_loss)
from sklearn.model_selection import StratifiedKFold, cross_validate, train_test_split  # phase: setup
from sklearn.naive_bayes import GaussianNB  # phase: setup
from sklearn.neighbors import KNeighborsClassifier  # phase: setup
from sklearn.pipeline import make_pipeline  # phase: setup
from sklearn.preprocessing import StandardScaler  # phase: setup
from sklearn.svm import SVC  # phase: setup

warnings.filterwarnings("ignore", category=FutureWarning)  # phase: other
SEED = 2024  # phase: other

df = pd.read_csv("diabetes.csv")  # phase: data_loading
print(df.shape)  # phase: data_exploration
print(df.describe().T[["mean", "min", "max"]])  # phase: data_exploration
print(df["Outcome"].value_counts(normalize=True).round(3))  # phase: data_exploration
print(df.groupby("Outcome").median().T)  # phase: data_exploration

zero_as_missing = ["Glucose", "BloodPressure", "SkinThickness", "Insulin", "BMI"]  # phase: feature_engineering
print((df[zero_as_missing] == 0).sum())  # phase: data_exploration
df[zero_as_missing] = df[zero_as_missing].replace(0, np.nan)  # phase: data_cleaning
df = df.drop(columns=["SkinThickness"])  # phase: data_cleaning
df["Insulin"] = df.groupby("Outcome")["Insulin"].transform(lambda s: s.fillna(s.median()))  # phase: data_cleaning
df = df[df["BMI"].isna() | (df["BMI"] < 65)]  # phase: data_cleaning
print(df.isna().sum())  # phase: data_exploration

df["glucose_bmi"] = df["Glucose"] * df["BMI"] / 100  # phase: feature_engineering
df["age_over_40"] = (df["Age"] > 40).astype(int)  # phase: feature_engineering
X = df.drop(columns="Outcome")  # phase: feature_engineering
y = df["Outcome"]  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=SEED)  # phase: data_splitting

candidates = {  # phase: model_training
    "logreg": LogisticRegression(max_iter=1000),
    "knn": KNeighborsClassifier(n_neighbors=15),
    "nb": GaussianNB(),
    "svc": SVC(C=1.0, probability=True, random_state=SEED),
    "rf": RandomForestClassifier(n_estimators=400, min_samples_leaf=3, random_state=SEED),
    "gb": GradientBoostingClassifier(random_state=SEED),
}
cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=SEED)  # phase: data_splitting
rows = []  # phase: model_evaluation
for name, est in candidates.items():  # phase: model_evaluation, model_training
    pipe = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), est)
    res = cross_validate(pipe, X_train, y_train, cv=cv, scoring=["accuracy", "roc_auc", "recall"])
    rows.append({"model": name, "acc": res["test_accuracy"].mean(), "auc": res["test_roc_auc"].mean(),
                 "recall": res["test_recall"].mean(), "auc_std": res["test_roc_auc"].std()})
board = pd.DataFrame(rows).sort_values("auc", ascending=False)  # phase: model_evaluation
print(board.to_string(index=False))  # phase: model_evaluation
best_name = board.iloc[0]["model"]  # phase: model_evaluation

final = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), candidates[best_name])  # phase: model_training
final.fit(X_train, y_train)  # phase: model_training
proba = final.predict_proba(X_test)[:, 1]  # phase: prediction
pred = final.predict(X_test)  # phase: prediction
print(best_name, "test accuracy", round(accuracy_score(y_test, pred), 3))  # phase: model_evaluation
print("balanced accuracy", round(balanced_accuracy_score(y_test, pred), 3))  # phase: model_evaluation
print("AUC", round(roc_auc_score(y_test, proba), 3), "Brier", round(brier_score_loss(y_test, proba), 3))  # phase: model_evaluation
print(classification_report(y_test, pred, digits=3))  # phase: model_evaluation
tn, fp, fn, tp = confusion_matrix(y_test, pred).ravel()  # phase: model_evaluation
print(f"sensitivity {tp / (tp + fn):.3f} specificity {tn / (tn + fp):.3f}")  # phase: model_evaluation

screen = (proba >= 0.3).astype(int)  # phase: prediction
print("screening threshold 0.3:")  # phase: model_evaluation
print(confusion_matrix(y_test, screen))  # phase: model_evaluation

patients = pd.read_csv("clinic_intake_week12.csv")  # phase: data_loading
patients = patients.replace({"Glucose": {0: np.nan}, "BMI": {0: np.nan}, "BloodPressure": {0: np.nan}})  # phase: data_cleaning
patients["glucose_bmi"] = patients["Glucose"] * patients["BMI"] / 100  # phase: feature_engineering
patients["age_over_40"] = (patients["Age"] > 40).astype(int)  # phase: feature_engineering
patients["risk"] = final.predict_proba(patients[X.columns])[:, 1]  # phase: prediction
patients["flag"] = np.where(patients["risk"] >= 0.3, "refer", "routine")  # phase: prediction
print(patients.sort_values("risk", ascending=False)[["patient_id", "risk", "flag"]].head(15))  # phase: prediction
patients[["patient_id", "risk", "flag"]].to_csv("risk_scores_week12.csv", index=False)  # phase: model_persistence
