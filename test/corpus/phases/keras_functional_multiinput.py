import numpy as np  # phase: setup
import pandas as pd  # phase: setup
from tensorflow import keras  # phase: setup
from tensorflow.keras import layers  # phase: setup
from sklearn.preprocessing import StandardScaler  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup

keras.utils.set_random_seed(7)  # phase: setup
listings = pd.read_csv("listings.csv")  # phase: data_loading
listings = listings.dropna(subset=["price", "room_type"])  # phase: data_cleaning
listings["log_price"] = np.log1p(listings["price"])  # phase: feature_engineering
room_index = {r: i for i, r in enumerate(listings["room_type"].unique())}  # phase: feature_engineering
listings["room_id"] = listings["room_type"].map(room_index)  # phase: feature_engineering
num_cols = ["accommodates", "bedrooms", "minimum_nights", "number_of_reviews"]  # phase: feature_engineering
scaler = StandardScaler()  # phase: feature_engineering
numeric = scaler.fit_transform(listings[num_cols].fillna(0))  # phase: feature_engineering, data_cleaning

num_tr, num_te, room_tr, room_te, y_tr, y_te = train_test_split(numeric, listings["room_id"].values, listings["log_price"].values, test_size=0.2)  # phase: data_splitting

num_in = keras.Input(shape=(len(num_cols),), name="numeric")  # phase: model_training
room_in = keras.Input(shape=(1,), name="room")  # phase: model_training
room_emb = layers.Flatten()(layers.Embedding(len(room_index), 4)(room_in))  # phase: model_training
x = layers.Concatenate()([num_in, room_emb])  # phase: model_training
x = layers.Dense(64, activation="relu")(x)  # phase: model_training
x = layers.Dropout(0.2)(x)  # phase: model_training
out = layers.Dense(1)(x)  # phase: model_training
model = keras.Model(inputs=[num_in, room_in], outputs=out)  # phase: model_training
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse", metrics=["mae"])  # phase: model_training
model.fit([num_tr, room_tr], y_tr, epochs=30, batch_size=64, validation_split=0.1, callbacks=[keras.callbacks.EarlyStopping(patience=4)])  # phase: model_training

mse, mae = model.evaluate([num_te, room_te], y_te, verbose=0)  # phase: model_evaluation
print("test MAE (log price):", mae)  # phase: model_evaluation
pred_price = np.expm1(model.predict([num_te, room_te]).ravel())  # phase: prediction
model.save("price_model.keras")  # phase: model_persistence
