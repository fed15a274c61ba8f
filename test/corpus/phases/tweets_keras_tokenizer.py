import pandas as pd  # phase: setup
from tensorflow import keras  # phase: setup
from tensorflow.keras.preprocessing.text import Tokenizer  # phase: setup
from tensorflow.keras.preprocessing.sequence import pad_sequences  # phase: setup

tweets = pd.read_csv("tweets.csv")  # phase: data_loading
tweets = tweets.dropna(subset=["text"])  # phase: data_cleaning

tokenizer = Tokenizer(num_words=10000, oov_token="<oov>")  # phase: feature_engineering
tokenizer.fit_on_texts(tweets["text"])  # phase: feature_engineering
sequences = tokenizer.texts_to_sequences(tweets["text"])  # phase: feature_engineering
X = pad_sequences(sequences, maxlen=60, padding="post")  # phase: feature_engineering
y = tweets["target"].values  # phase: feature_engineering

model = keras.Sequential([keras.layers.Embedding(10000, 32), keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1, activation="sigmoid")])  # phase: model_training
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])  # phase: model_training
model.fit(X, y, epochs=5, validation_split=0.2)  # phase: model_training

new = pad_sequences(tokenizer.texts_to_sequences(["forest fire near the town"]), maxlen=60)  # phase: feature_engineering
pred = (model.predict(new) > 0.5).astype(int)  # phase: prediction
print(pred)  # phase: prediction
