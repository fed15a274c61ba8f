import numpy as np  # phase: setup
import tensorflow as tf  # phase: setup
from tensorflow import keras  # phase: setup
from tensorflow.keras import layers  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

tf.random.set_seed(1)  # phase: setup
(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()  # phase: data_loading
print(x_train.shape, y_train.shape)  # phase: data_exploration
x_train = x_train.astype("float32") / 255.0  # phase: feature_engineering
x_test = x_test.astype("float32") / 255.0  # phase: feature_engineering
y_train = keras.utils.to_categorical(y_train, 10)  # phase: feature_engineering
y_test = keras.utils.to_categorical(y_test, 10)  # phase: feature_engineering

model = keras.Sequential([  # phase: model_training
    layers.Conv2D(32, 3, activation="relu", input_shape=(32, 32, 3)),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.Flatten(),
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
model.summary()  # phase: model_training
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss="categorical_crossentropy", metrics=["accuracy"])  # phase: model_training
early = keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)  # phase: model_training
history = model.fit(x_train, y_train, epochs=20, batch_size=128, validation_split=0.1, callbacks=[early])  # phase: model_training

test_loss, test_acc = model.evaluate(x_test, y_test)  # phase: model_evaluation
print("test accuracy", test_acc)  # phase: model_evaluation
plt.plot(history.history["accuracy"], label="train")  # phase: visualization
plt.plot(history.history["val_accuracy"], label="validation")  # phase: visualization
plt.legend()  # phase: visualization
plt.show()  # phase: visualization
probs = model.predict(x_test[:10])  # phase: prediction
print(np.argmax(probs, axis=1))  # phase: prediction
model.save("cifar_cnn.keras")  # phase: model_persistence
