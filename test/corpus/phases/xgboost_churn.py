import pandas as pd  # phase: setup
import xgboost as xgb  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import roc_auc_score, f1_score  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

churn = pd.read_csv("telco_churn.csv")  # phase: data_loading
churn["TotalCharges"] = pd.to_numeric(churn["TotalCharges"], errors="coerce")  # phase: data_cleaning
churn = churn.dropna()  # phase: data_cleaning
churn["Churn"] = churn["Churn"].map({"Yes": 1, "No": 0})  # phase: feature_engineering
churn = pd.get_dummies(churn.drop(columns=["customerID"]), drop_first=True)  # phase: feature_engineering
X = churn.drop("Churn", axis=1)  # phase: feature_engineering
y = churn["Churn"]  # phase: feature_engineering
X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, random_state=3)  # phase: data_splitting

clf = xgb.XGBClassifier(n_estimators=400, max_depth=4, learning_rate=0.05, subsample=0.8, eval_metric="auc")  # phase: model_training
clf.fit(X_train, y_train, eval_set=[(X_valid, y_valid)], verbose=False)  # phase: model_training
proba = clf.predict_proba(X_valid)[:, 1]  # phase: prediction
print("AUC", roc_auc_score(y_valid, proba))  # phase: model_evaluation
print("F1", f1_score(y_valid, proba > 0.5))  # phase: model_evaluation
xgb.plot_importance(clf, max_num_features=15)  # phase: visualization
plt.show()  # phase: visualization
clf.save_model("churn_xgb.json")  # phase: model_persistence
