"""Charlie: a neural network on the data he downloaded again, learning its own representation."""
import os

import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler

os.makedirs("out", exist_ok=True)

# load the (re-downloaded) data set
houses = pd.read_csv("data/apartments.csv")
print(houses.describe().round(1))

# clean and normalise
houses = houses.dropna(subset=["size_m2"])
X = houses[["size_m2", "rooms", "floor", "year_built", "lat", "lon"]]
y = houses["price"] / 1000.0
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.transform(X_test)

# deep learning
model = MLPRegressor(hidden_layer_sizes=(64, 32), learning_rate_init=0.01, max_iter=800, random_state=0)
model.fit(X_train, y_train)
predictions = model.predict(X_test)
mae = mean_absolute_error(y_test, predictions) * 1000.0
print("mean absolute error: %.0f EUR" % mae)
