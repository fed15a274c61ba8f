"""Alice: Bob's experiment plus distances to the centre, transport, supermarkets, parks and schools."""
import os

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

os.makedirs("out", exist_ok=True)

CENTRE = (52.52, 13.405)
PLACES = {
    "stop": [(52.50, 13.39), (52.54, 13.42), (52.51, 13.45), (52.47, 13.33), (52.56, 13.36)],
    "supermarket": [(52.52, 13.38), (52.49, 13.43), (52.55, 13.47), (52.46, 13.30)],
    "park": [(52.514, 13.35), (52.54, 13.40), (52.48, 13.44)],
    "school": [(52.53, 13.37), (52.50, 13.42), (52.57, 13.43), (52.45, 13.36)],
}


def km(lat, lon, place):
    return np.hypot((lat - place[0]) * 111.0, (lon - place[1]) * 68.0)


def nearest(lat, lon, places):
    return np.min([km(lat, lon, p) for p in places], axis=0)


# load the data set from the local file system
houses = pd.read_csv("data/apartments.csv")

# exploratory analysis
print(houses.describe().round(1))
houses.plot.scatter(x="size_m2", y="price")
plt.savefig("out/price_vs_size.png")

# clean and normalise
houses = houses.dropna(subset=["size_m2"])
houses["dist_centre"] = km(houses["lat"], houses["lon"], CENTRE)
for kind, places in PLACES.items():
    houses["dist_" + kind] = nearest(houses["lat"].values, houses["lon"].values, places)
X = houses[["size_m2", "dist_centre", "dist_stop", "dist_supermarket", "dist_park", "dist_school"]]
y = houses["price"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.transform(X_test)

# linear regression on size and distances
model = LinearRegression()
model.fit(X_train, y_train)
predictions = model.predict(X_test)
mae = mean_absolute_error(y_test, predictions)
print("mean absolute error: %.0f EUR" % mae)
