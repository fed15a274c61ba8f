import tensorflow as tf  # phase: setup
import pandas as pd  # phase: setup

AUTOTUNE = tf.data.AUTOTUNE  # phase: other
frame = pd.read_csv("heart.csv")  # phase: data_loading
target = frame.pop("target")  # phase: feature_engineering
ds = tf.data.Dataset.from_tensor_slices((dict(frame), target.values))  # phase: data_loading
ds = ds.shuffle(len(frame)).batch(32).prefetch(AUTOTUNE)  # phase: data_loading
inputs = {name: tf.keras.Input(shape=(1,), name=name) for name in frame.columns}  # phase: model_training
x = tf.keras.layers.Concatenate()(list(inputs.values()))  # phase: model_training
x = tf.keras.layers.Dense(32, activation="relu")(x)  # phase: model_training
out = tf.keras.layers.Dense(1, activation="sigmoid")(x)  # phase: model_training
model = tf.keras.Model(inputs, out)  # phase: model_training
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])  # phase: model_training
model.fit(ds, epochs=15)  # phase: model_training
loss, acc = model.evaluate(ds)  # phase: model_evaluation
model.save_weights("heart.weights.h5")  # phase: model_persistence
