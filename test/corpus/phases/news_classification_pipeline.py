from sklearn.datasets import fetch_20newsgroups  # phase: setup
from sklearn.feature_extraction.text import TfidfVectorizer  # phase: setup
from sklearn.svm import LinearSVC  # phase: setup
from sklearn.pipeline import Pipeline  # phase: setup
from sklearn.model_selection import GridSearchCV  # phase: setup
from sklearn import metrics  # phase: setup
import pickle  # phase: setup

categories = ["alt.atheism", "soc.religion.christian", "comp.graphics", "sci.med"]  # phase: data_loading
train = fetch_20newsgroups(subset="train", categories=categories, shuffle=True, random_state=42)  # phase: data_loading
test = fetch_20newsgroups(subset="test", categories=categories, shuffle=True, random_state=42)  # phase: data_loading
print(len(train.data), train.target_names)  # phase: data_exploration

text_clf = Pipeline([("tfidf", TfidfVectorizer(sublinear_tf=True, stop_words="english")), ("svm", LinearSVC())])  # phase: model_training
parameters = {"tfidf__ngram_range": [(1, 1), (1, 2)], "tfidf__min_df": [1, 3], "svm__C": [0.1, 1, 10]}  # phase: hyperparameter_tuning
gs_clf = GridSearchCV(text_clf, parameters, cv=5, n_jobs=-1)  # phase: hyperparameter_tuning
gs_clf = gs_clf.fit(train.data, train.target)  # phase: hyperparameter_tuning
print(gs_clf.best_score_)  # phase: hyperparameter_tuning
for name in sorted(parameters):  # phase: hyperparameter_tuning
    print(name, gs_clf.best_params_[name])

predicted = gs_clf.predict(test.data)  # phase: prediction
print(metrics.classification_report(test.target, predicted, target_names=test.target_names))  # phase: model_evaluation
print(metrics.confusion_matrix(test.target, predicted))  # phase: model_evaluation
with open("news_svm.pkl", "wb") as fh:  # phase: model_persistence
    pickle.dump(gs_clf.best_estimator_, fh)
