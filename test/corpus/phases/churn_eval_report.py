import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.model_selection import train_test_split, cross_val_score  # phase: setup
from sklearn.linear_model import LogisticRegression  # phase: setup
from sklearn.metrics import confusion_matrix, classification_report, roc_auc_score, roc_curve  # phase: setup

churn = pd.read_csv("churn.csv")  # phase: data_loading
churn["TotalCharges"] = pd.to_numeric(churn["TotalCharges"], errors="coerce")  # phase: data_cleaning
churn = churn.dropna()  # phase: data_cleaning
churn["Churn"] = (churn["Churn"] == "Yes").astype(int)  # phase: feature_engineering
X = pd.get_dummies(churn.drop(columns=["customerID", "Churn"]), drop_first=True)  # phase: feature_engineering
y = churn["Churn"]  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)  # phase: data_splitting

clf = LogisticRegression(max_iter=2000)  # phase: model_training
clf.fit(X_train, y_train)  # phase: model_training
cv_scores = cross_val_score(clf, X_train, y_train, cv=5, scoring="roc_auc")  # phase: model_evaluation
print("CV AUC", cv_scores.mean())  # phase: model_evaluation

y_pred = clf.predict(X_test)  # phase: prediction
y_proba = clf.predict_proba(X_test)[:, 1]  # phase: prediction
print(confusion_matrix(y_test, y_pred))  # phase: model_evaluation
print(classification_report(y_test, y_pred))  # phase: model_evaluation
print("test AUC", roc_auc_score(y_test, y_proba))  # phase: model_evaluation

fpr, tpr, _ = roc_curve(y_test, y_proba)  # phase: model_evaluation
plt.plot(fpr, tpr)  # phase: visualization
plt.xlabel("FPR")  # phase: visualization
plt.show()  # phase: visualization
