# Recipe reviews: spaCy lemmas and NLTK stop words, bag of words, naive Bayes.
import re  # phase: setup
import pandas as pd  # phase: setup
import spacy  # phase: setup
import nltk  # phase: setup
from nltk.corpus import stopwords  # phase: setup
from sklearn.feature_extraction.text import CountVectorizer  # phase: setup
from sklearn.naive_bayes import MultinomialNB  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import classification_report  # phase: setup

nltk.download("stopwords")  # phase: setup
nlp = spacy.load("en_core_web_sm", disable=["parser", "ner"])  # phase: setup
stop = set(stopwords.words("english"))  # phase: data_cleaning

reviews = pd.read_csv("recipe_reviews.csv")  # phase: data_loading
print(reviews.shape)  # phase: data_exploration
print(reviews["rating"].value_counts())  # phase: data_exploration
reviews = reviews.dropna(subset=["text"])  # phase: data_cleaning
reviews["liked"] = (reviews["rating"] >= 4).astype(int)  # phase: feature_engineering


def clean_review(text):  # phase: data_cleaning
    text = re.sub(r"<[^>]+>", " ", text.lower())
    doc = nlp(text)
    return " ".join(t.lemma_ for t in doc if t.is_alpha and t.text not in stop)


reviews["clean"] = reviews["text"].apply(clean_review)  # phase: data_cleaning
print(reviews[["text", "clean"]].head())  # phase: data_exploration

vec = CountVectorizer(min_df=3, ngram_range=(1, 2))  # phase: feature_engineering
X = vec.fit_transform(reviews["clean"])  # phase: feature_engineering
y = reviews["liked"]  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)  # phase: data_splitting

clf = MultinomialNB(alpha=0.5)  # phase: model_training
clf.fit(X_train, y_train)  # phase: model_training
pred = clf.predict(X_test)  # phase: prediction
print(classification_report(y_test, pred))  # phase: model_evaluation
