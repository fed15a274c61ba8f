"""A small text classifier: TF-IDF + naive Bayes, evaluated with a classification report."""
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, classification_report
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline

pos = ["great movie", "loved it", "wonderful acting", "superb plot", "a delight", "really good fun", "brilliant and moving", "I enjoyed it"]
neg = ["terrible film", "hated it", "awful acting", "boring plot", "a mess", "really bad", "dull and slow", "I walked out"]
texts = pos + neg
labels = ["pos"] * len(pos) + ["neg"] * len(neg)
clf = make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), MultinomialNB(alpha=0.5))
clf.fit(texts, labels)
pred = clf.predict(texts)
acc = accuracy_score(labels, pred)
report = classification_report(labels, pred, output_dict=True)
print(acc)
