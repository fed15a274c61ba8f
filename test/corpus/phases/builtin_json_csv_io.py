import json  # phase: setup
import csv  # phase: setup
from collections import Counter  # phase: setup

with open("reviews.json") as f:  # phase: data_loading
    reviews = json.load(f)
print(len(reviews), reviews[0])  # phase: data_exploration
reviews = [r for r in reviews if r.get("text")]  # phase: data_cleaning
words = Counter(w.lower() for r in reviews for w in r["text"].split())  # phase: feature_engineering
print(words.most_common(20))  # phase: data_exploration
with open("word_counts.csv", "w", newline="") as f:  # phase: model_persistence
    writer = csv.writer(f)
    writer.writerows(words.most_common(1000))
