import pandas as pd  # phase: setup
import xgboost as xgb  # phase: setup
from sklearn.model_selection import StratifiedKFold  # phase: setup
from sklearn.metrics import roc_auc_score  # phase: setup
import numpy as np  # phase: setup

loans = pd.read_csv("cs-training.csv", index_col=0)  # phase: data_loading
loans["MonthlyIncome"] = loans["MonthlyIncome"].fillna(loans["MonthlyIncome"].median())  # phase: data_cleaning
loans["NumberOfDependents"] = loans["NumberOfDependents"].fillna(0)  # phase: data_cleaning
loans["debt_per_income"] = loans["DebtRatio"] * loans["MonthlyIncome"]  # phase: feature_engineering
loans["late_total"] = loans[["NumberOfTime30-59DaysPastDueNotWorse", "NumberOfTimes90DaysLate"]].sum(axis=1)  # phase: feature_engineering

X = loans.drop(columns="SeriousDlqin2yrs")  # phase: feature_engineering
y = loans["SeriousDlqin2yrs"]  # phase: feature_engineering
oof = np.zeros(len(X))  # phase: prediction
folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)  # phase: data_splitting
for tr_idx, va_idx in folds.split(X, y):  # phase: model_training, prediction
    clf = xgb.XGBClassifier(n_estimators=400, max_depth=4, learning_rate=0.05, subsample=0.8)
    clf.fit(X.iloc[tr_idx], y.iloc[tr_idx], eval_set=[(X.iloc[va_idx], y.iloc[va_idx])], verbose=False)
    oof[va_idx] = clf.predict_proba(X.iloc[va_idx])[:, 1]
print("OOF AUC", roc_auc_score(y, oof))  # phase: model_evaluation

xgb.plot_importance(clf, max_num_features=10)  # phase: visualization
