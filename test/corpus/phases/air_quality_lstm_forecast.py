# Hourly NO2 forecasting with a stacked LSTM (Keras): windows of the last 24 hours predict the next hour.
import numpy as np  # phase: setup
import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.preprocessing import MinMaxScaler  # phase: setup
from tensorflow import keras  # phase: setup
from tensorflow.keras import layers  # phase: setup

air = pd.read_csv("air_quality.csv", parse_dates=["datetime"])  # phase: data_loading
air = air.set_index("datetime").sort_index()  # phase: data_cleaning
air["NO2"] = air["NO2"].interpolate(limit=6)  # phase: data_cleaning
air = air.dropna(subset=["NO2"])  # phase: data_cleaning
print(air["NO2"].describe())  # phase: data_exploration

air["NO2"].resample("D").mean().plot(figsize=(12, 4), title="daily mean NO2")  # phase: visualization
plt.show()  # phase: visualization

WINDOW = 24  # phase: other
scaler = MinMaxScaler()  # phase: feature_engineering
series = scaler.fit_transform(air[["NO2"]].values)  # phase: feature_engineering
X = np.array([series[i - WINDOW:i, 0] for i in range(WINDOW, len(series))])  # phase: feature_engineering
y = series[WINDOW:, 0]  # phase: feature_engineering
X = X.reshape((X.shape[0], WINDOW, 1))  # phase: feature_engineering

split = int(len(X) * 0.8)  # phase: data_splitting
X_train, X_test = X[:split], X[split:]  # phase: data_splitting
y_train, y_test = y[:split], y[split:]  # phase: data_splitting

model = keras.Sequential([  # phase: model_training
    layers.LSTM(64, return_sequences=True, input_shape=(WINDOW, 1)),
    layers.LSTM(32),
    layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")  # phase: model_training
stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)  # phase: model_training
history = model.fit(X_train, y_train, validation_split=0.1, epochs=30, batch_size=64, callbacks=[stop])  # phase: model_training

plt.plot(history.history["loss"], label="train")  # phase: visualization
plt.plot(history.history["val_loss"], label="validation")  # phase: visualization
plt.legend()  # phase: visualization
plt.show()  # phase: visualization

pred = scaler.inverse_transform(model.predict(X_test))  # phase: prediction
actual = scaler.inverse_transform(y_test.reshape(-1, 1))  # phase: model_evaluation
rmse = np.sqrt(np.mean((pred - actual) ** 2))  # phase: model_evaluation
print(f"test RMSE: {rmse:.2f}")  # phase: model_evaluation

plt.plot(actual[:200], label="actual")  # phase: visualization
plt.plot(pred[:200], label="forecast")  # phase: visualization
plt.legend()  # phase: visualization
plt.show()  # phase: visualization
