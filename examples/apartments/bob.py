"""Bob: does the price of an apartment depend on its size? (the seed paper's scenario)"""
import os

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

os.makedirs("out", exist_ok=True)

# load the data set from the local file system
houses = pd.read_csv("data/apartments.csv")

# exploratory analysis
print(houses.describe().round(1))
houses.plot.scatter(x="size_m2", y="price")
plt.savefig("out/price_vs_size.png")

# clean and normalise
houses = houses.dropna(subset=["size_m2"])
X = houses[["size_m2"]]
y = houses["price"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.transform(X_test)

# linear regression on size
model = LinearRegression()
model.fit(X_train, y_train)
predictions = model.predict(X_test)
mae = mean_absolute_error(y_test, predictions)
print("mean absolute error: %.0f EUR" % mae)
