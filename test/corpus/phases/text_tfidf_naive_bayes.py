import re  # phase: setup
import pandas as pd  # phase: setup
from sklearn.feature_extraction.text import TfidfVectorizer  # phase: setup
from sklearn.naive_bayes import MultinomialNB  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import f1_score  # phase: setup
import pickle  # phase: setup

spam = pd.read_csv("spam.csv", encoding="latin-1")  # phase: data_loading
spam = spam.rename(columns={"v1": "label", "v2": "text"})  # phase: data_cleaning
spam["label"].value_counts()  # phase: data_exploration
spam["text"] = spam["text"].str.lower()  # phase: data_cleaning
spam["n_chars"] = spam["text"].str.len()  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(spam["text"], spam["label"], test_size=0.2, random_state=2)  # phase: data_splitting
vec = TfidfVectorizer(stop_words="english", max_features=5000, ngram_range=(1, 2))  # phase: feature_engineering
Xtr = vec.fit_transform(X_train)  # phase: feature_engineering
Xte = vec.transform(X_test)  # phase: feature_engineering
nb = MultinomialNB(alpha=0.1)  # phase: model_training
nb.fit(Xtr, y_train)  # phase: model_training
print(f1_score(y_test, nb.predict(Xte), pos_label="spam"))  # phase: model_evaluation
with open("spam_model.pkl", "wb") as f:  # phase: model_persistence
    pickle.dump((vec, nb), f)
