"""Hotel reviews: clean the text, fit TF-IDF + logistic regression on 3 classes, then score new reviews."""  # phase: other
import re  # phase: setup
import string  # phase: setup

import numpy as np  # phase: setup
import pandas as pd  # phase: setup
from sklearn.feature_extraction.text import TfidfVectorizer  # phase: setup
from sklearn.linear_model import LogisticRegression  # phase: setup
from sklearn.metrics import classification_report, confusion_matrix, f1_score, accuracy_score  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.preprocessing import LabelEncoder  # phase: setup

DATA = "data/tripadvisor_hotel_reviews.csv"  # phase: other
NEW = "data/reviews_to_score.csv"  # phase: other

reviews = pd.read_csv(DATA)  # phase: data_loading
print(reviews.shape)  # phase: data_exploration
print(reviews["Rating"].value_counts().sort_index())  # phase: data_exploration
print(reviews["Review"].str.len().describe())  # phase: data_exploration

reviews = reviews.dropna(subset=["Review"])  # phase: data_cleaning
reviews = reviews.drop_duplicates(subset="Review")  # phase: data_cleaning
reviews = reviews[reviews["Review"].str.split().str.len() >= 3]  # phase: data_cleaning


def clean_text(text):  # phase: data_cleaning
    text = text.lower()
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"http\S+", " ", text)
    text = text.translate(str.maketrans("", "", string.punctuation))
    text = re.sub(r"\d+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


reviews["clean"] = reviews["Review"].apply(clean_text)  # phase: data_cleaning
reviews["sentiment"] = pd.cut(reviews["Rating"], bins=[0, 2, 3, 5], labels=["negative", "neutral", "positive"])  # phase: feature_engineering
print(reviews["sentiment"].value_counts(normalize=True))  # phase: data_exploration

le = LabelEncoder()  # phase: feature_engineering
y = le.fit_transform(reviews["sentiment"])  # phase: feature_engineering
X_train_txt, X_test_txt, y_train, y_test = train_test_split(reviews["clean"], y, test_size=0.2, stratify=y, random_state=3)  # phase: data_splitting

tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=3, max_features=50000, sublinear_tf=True)  # phase: feature_engineering
X_train = tfidf.fit_transform(X_train_txt)  # phase: feature_engineering
X_test = tfidf.transform(X_test_txt)  # phase: feature_engineering

clf = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")  # phase: model_training
clf.fit(X_train, y_train)  # phase: model_training

y_pred = clf.predict(X_test)  # phase: prediction
print("accuracy", accuracy_score(y_test, y_pred))  # phase: model_evaluation
print("macro F1", f1_score(y_test, y_pred, average="macro"))  # phase: model_evaluation
print(classification_report(y_test, y_pred, target_names=le.classes_))  # phase: model_evaluation
cm = confusion_matrix(y_test, y_pred)  # phase: model_evaluation
print(pd.DataFrame(cm, index=le.classes_, columns=le.classes_))  # phase: model_evaluation
per_class_recall = cm.diagonal() / cm.sum(axis=1)  # phase: model_evaluation
print(dict(zip(le.classes_, per_class_recall.round(3))))  # phase: model_evaluation

vocab = np.array(tfidf.get_feature_names_out())  # phase: model_evaluation
for i, label in enumerate(le.classes_):  # phase: model_evaluation
    top = np.argsort(clf.coef_[i])[-12:]
    print(label, ", ".join(vocab[top]))

new_reviews = pd.read_csv(NEW)  # phase: data_loading
new_reviews["clean"] = new_reviews["text"].fillna("").apply(clean_text)  # phase: data_cleaning
proba = clf.predict_proba(tfidf.transform(new_reviews["clean"]))  # phase: prediction
new_reviews["label"] = le.inverse_transform(proba.argmax(axis=1))  # phase: prediction
new_reviews["confidence"] = proba.max(axis=1)  # phase: prediction
new_reviews.loc[new_reviews["confidence"] < 0.5, "label"] = "needs_review"  # phase: prediction
print(new_reviews["label"].value_counts())  # phase: prediction

for text, label, conf in new_reviews[["text", "label", "confidence"]].head(5).itertuples(index=False):  # phase: prediction
    print(f"{label:>12} {conf:.2f}  {text[:80]}")

new_reviews[["review_id", "label", "confidence"]].to_csv("scored_reviews.csv", index=False)  # phase: model_persistence
