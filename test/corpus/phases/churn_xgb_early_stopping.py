# Telco churn with XGBoost: one-hot encoding, early stopping on a validation set, importance plot.
import pandas as pd  # phase: setup
import xgboost as xgb  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import roc_auc_score, classification_report  # phase: setup

churn = pd.read_csv("telco_churn.csv")  # phase: data_loading
churn.info()  # phase: data_exploration
churn["Churn"].value_counts(normalize=True)  # phase: data_exploration

churn["TotalCharges"] = pd.to_numeric(churn["TotalCharges"], errors="coerce")  # phase: data_cleaning
churn["TotalCharges"] = churn["TotalCharges"].fillna(0)  # phase: data_cleaning
churn = churn.drop(columns=["customerID"])  # phase: data_cleaning

churn["Churn"] = (churn["Churn"] == "Yes").astype(int)  # phase: feature_engineering
churn["charges_per_month"] = churn["TotalCharges"] / (churn["tenure"] + 1)  # phase: feature_engineering
churn = pd.get_dummies(churn, drop_first=True)  # phase: feature_engineering
X = churn.drop(columns=["Churn"])  # phase: feature_engineering
y = churn["Churn"]  # phase: feature_engineering

X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, stratify=y, random_state=7)  # phase: data_splitting

clf = xgb.XGBClassifier(n_estimators=2000, learning_rate=0.03, max_depth=4, subsample=0.8,  # phase: model_training
                        colsample_bytree=0.8, eval_metric="auc", early_stopping_rounds=100)
clf.fit(X_train, y_train, eval_set=[(X_valid, y_valid)], verbose=200)  # phase: model_training
print("best iteration:", clf.best_iteration)  # phase: model_training

proba = clf.predict_proba(X_valid)[:, 1]  # phase: prediction
print("AUC:", roc_auc_score(y_valid, proba))  # phase: model_evaluation
print(classification_report(y_valid, (proba > 0.5).astype(int)))  # phase: model_evaluation

xgb.plot_importance(clf, max_num_features=15, importance_type="gain")  # phase: visualization
plt.tight_layout()  # phase: visualization
plt.show()  # phase: visualization

clf.save_model("churn_xgb.json")  # phase: model_persistence
