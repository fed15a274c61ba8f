from sklearn import datasets, svm  # phase: setup
from sklearn.model_selection import GridSearchCV, train_test_split  # phase: setup
from sklearn.preprocessing import StandardScaler  # phase: setup
import sklearn.metrics as m  # phase: setup

digits = datasets.load_digits()  # phase: data_loading
X_train, X_test, y_train, y_test = train_test_split(digits.data, digits.target, test_size=0.25)  # phase: data_splitting
sc = StandardScaler().fit(X_train)  # phase: feature_engineering
X_train_s = sc.transform(X_train)  # phase: feature_engineering
X_test_s = sc.transform(X_test)  # phase: feature_engineering
param_grid = {"C": [0.1, 1, 10, 100], "gamma": [0.001, 0.01, 0.1], "kernel": ["rbf"]}  # phase: hyperparameter_tuning
search = GridSearchCV(svm.SVC(), param_grid, cv=5, n_jobs=-1, scoring="accuracy")  # phase: hyperparameter_tuning
search.fit(X_train_s, y_train)  # phase: hyperparameter_tuning
print(search.best_params_, search.best_score_)  # phase: hyperparameter_tuning
best = search.best_estimator_  # phase: hyperparameter_tuning
pred = best.predict(X_test_s)  # phase: prediction
print(m.accuracy_score(y_test, pred))  # phase: model_evaluation
print(m.confusion_matrix(y_test, pred))  # phase: model_evaluation
