import pandas as pd  # phase: setup
from imblearn.over_sampling import SMOTE  # phase: setup
from sklearn.preprocessing import RobustScaler  # phase: setup
from sklearn.linear_model import LogisticRegression  # phase: setup
from sklearn.model_selection import train_test_split, GridSearchCV  # phase: setup
from sklearn.metrics import average_precision_score, classification_report  # phase: setup

cc = pd.read_csv("creditcard.csv")  # phase: data_loading
print(cc["Class"].value_counts(normalize=True))  # phase: data_exploration

cc["Amount"] = RobustScaler().fit_transform(cc[["Amount"]])  # phase: feature_engineering
cc["hour"] = (cc["Time"] // 3600) % 24  # phase: feature_engineering
cc = cc.drop(columns=["Time"])  # phase: feature_engineering

X_train, X_test, y_train, y_test = train_test_split(cc.drop(columns="Class"), cc["Class"], stratify=cc["Class"], test_size=0.2)  # phase: data_splitting
X_res, y_res = SMOTE(random_state=0).fit_resample(X_train, y_train)  # phase: data_splitting

grid = GridSearchCV(LogisticRegression(max_iter=2000), {"C": [0.01, 0.1, 1, 10]}, scoring="average_precision", cv=3)  # phase: hyperparameter_tuning
grid.fit(X_res, y_res)  # phase: hyperparameter_tuning
print(grid.best_params_)  # phase: hyperparameter_tuning

scores = grid.predict_proba(X_test)[:, 1]  # phase: prediction
print("AP", average_precision_score(y_test, scores))  # phase: model_evaluation
print(classification_report(y_test, grid.predict(X_test)))  # phase: model_evaluation, prediction
