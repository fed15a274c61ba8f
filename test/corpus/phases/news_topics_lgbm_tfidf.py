# News headlines by topic: text cleaning, TF-IDF, LightGBM with early stopping, confusion matrix.
import re  # phase: setup
import pandas as pd  # phase: setup
import lightgbm as lgb  # phase: setup
import seaborn as sns  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.feature_extraction.text import TfidfVectorizer  # phase: setup
from sklearn.preprocessing import LabelEncoder  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import accuracy_score, confusion_matrix  # phase: setup

news = pd.read_json("headlines.json", lines=True)  # phase: data_loading
news["category"].value_counts().head(10)  # phase: data_exploration
news = news.drop_duplicates(subset="headline")  # phase: data_cleaning
news = news[news["headline"].str.len() > 10]  # phase: data_cleaning


def normalise(text):  # phase: data_cleaning
    text = text.lower()
    text = re.sub(r"[^a-z0-9 ]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


news["text"] = news["headline"].apply(normalise)  # phase: data_cleaning

top = news["category"].value_counts().index[:5]  # phase: data_exploration
news = news[news["category"].isin(top)]  # phase: data_cleaning
enc = LabelEncoder()  # phase: feature_engineering
y = enc.fit_transform(news["category"])  # phase: feature_engineering
vec = TfidfVectorizer(max_features=20000, ngram_range=(1, 2), min_df=2)  # phase: feature_engineering

X_train_txt, X_test_txt, y_train, y_test = train_test_split(news["text"], y, test_size=0.2, stratify=y, random_state=1)  # phase: data_splitting
X_train = vec.fit_transform(X_train_txt)  # phase: feature_engineering
X_test = vec.transform(X_test_txt)  # phase: feature_engineering

model = lgb.LGBMClassifier(n_estimators=1000, learning_rate=0.1, num_leaves=63)  # phase: model_training
model.fit(X_train, y_train, eval_set=[(X_test, y_test)], callbacks=[lgb.early_stopping(50), lgb.log_evaluation(100)])  # phase: model_training

pred = model.predict(X_test)  # phase: prediction
print("accuracy:", accuracy_score(y_test, pred))  # phase: model_evaluation
cm = confusion_matrix(y_test, pred)  # phase: model_evaluation
sns.heatmap(cm, annot=True, fmt="d", xticklabels=enc.classes_, yticklabels=enc.classes_)  # phase: visualization
plt.show()  # phase: visualization
