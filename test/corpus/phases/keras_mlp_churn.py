import pandas as pd  # phase: setup
import tensorflow as tf  # phase: setup
from tensorflow import keras  # phase: setup
from tensorflow.keras import layers  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.preprocessing import StandardScaler  # phase: setup

df = pd.read_csv("churn.csv")  # phase: data_loading
X = df.drop(columns=["churn"]).values  # phase: feature_engineering
y = df["churn"].values  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=7)  # phase: data_splitting
scaler = StandardScaler()  # phase: feature_engineering
X_train = scaler.fit_transform(X_train)  # phase: feature_engineering
X_test = scaler.transform(X_test)  # phase: feature_engineering

model = keras.Sequential([  # phase: model_training
    layers.Dense(64, activation="relu", input_shape=(X_train.shape[1],)),
    layers.Dropout(0.3),
    layers.Dense(32, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="binary_crossentropy", metrics=["accuracy"])  # phase: model_training
early = keras.callbacks.EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)  # phase: model_training
history = model.fit(X_train, y_train, validation_split=0.2, epochs=100, batch_size=32, callbacks=[early])  # phase: model_training

loss, acc = model.evaluate(X_test, y_test)  # phase: model_evaluation
print("test accuracy", acc)  # phase: model_evaluation
probs = model.predict(X_test)  # phase: prediction
labels = (probs > 0.5).astype(int).ravel()  # phase: prediction
model.save("churn_mlp.keras")  # phase: model_persistence
