import pandas as pd  # phase: setup
from sklearn.ensemble import RandomForestClassifier  # phase: setup
from sklearn.model_selection import train_test_split, cross_val_score, StratifiedKFold  # phase: setup
from sklearn.metrics import confusion_matrix, classification_report, roc_auc_score, precision_score, recall_score, f1_score  # phase: setup

data = pd.read_csv("loans.csv")  # phase: data_loading
X = data.drop(columns="default")  # phase: feature_engineering
y = data["default"]  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2)  # phase: data_splitting

forest = RandomForestClassifier(n_estimators=300, max_depth=8)  # phase: model_training
forest.fit(X_train, y_train)  # phase: model_training

y_pred = forest.predict(X_test)  # phase: prediction
y_score = forest.predict_proba(X_test)[:, 1]  # phase: prediction

print(confusion_matrix(y_test, y_pred))  # phase: model_evaluation
print(classification_report(y_test, y_pred))  # phase: model_evaluation
auc = roc_auc_score(y_test, y_score)  # phase: model_evaluation
prec = precision_score(y_test, y_pred)  # phase: model_evaluation
rec = recall_score(y_test, y_pred)  # phase: model_evaluation
print(f"AUC {auc:.3f} precision {prec:.3f} recall {rec:.3f} F1 {f1_score(y_test, y_pred):.3f}")  # phase: model_evaluation

skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)  # phase: data_splitting
cv_auc = cross_val_score(forest, X, y, cv=skf, scoring="roc_auc")  # phase: model_evaluation
print("CV AUC: %.3f +/- %.3f" % (cv_auc.mean(), cv_auc.std()))  # phase: model_evaluation
train_acc = forest.score(X_train, y_train)  # phase: model_evaluation
test_acc = forest.score(X_test, y_test)  # phase: model_evaluation
print("overfit gap", train_acc - test_acc)  # phase: model_evaluation
