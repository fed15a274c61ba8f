from sklearn.datasets import load_breast_cancer  # phase: setup
from sklearn.ensemble import StackingClassifier, RandomForestClassifier, AdaBoostClassifier  # phase: setup
from sklearn.linear_model import LogisticRegression  # phase: setup
from sklearn.svm import SVC  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import roc_auc_score, RocCurveDisplay  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

X, y = load_breast_cancer(return_X_y=True)  # phase: data_loading
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=42)  # phase: data_splitting
estimators = [("rf", RandomForestClassifier(n_estimators=200)), ("ada", AdaBoostClassifier()), ("svc", SVC(probability=True))]  # phase: model_training
stack = StackingClassifier(estimators=estimators, final_estimator=LogisticRegression(max_iter=500))  # phase: model_training
stack.fit(X_train, y_train)  # phase: model_training
proba = stack.predict_proba(X_test)[:, 1]  # phase: prediction
print("stacked AUC", roc_auc_score(y_test, proba))  # phase: model_evaluation
RocCurveDisplay.from_predictions(y_test, proba)  # phase: visualization
plt.show()  # phase: visualization
