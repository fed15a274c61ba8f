"""Bob: apartment prices in the city, first attempt."""  # phase: other
import pandas as pd  # phase: setup
import numpy as np  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.linear_model import LinearRegression  # phase: setup
from sklearn.metrics import mean_absolute_error  # phase: setup

DATA = "data/apartments.csv"  # phase: other

apartments = pd.read_csv(DATA)  # phase: data_loading
print(apartments.head())  # phase: data_exploration
print(apartments.describe())  # phase: data_exploration
apartments.info()  # phase: data_exploration

plt.scatter(apartments["size"], apartments["price"])  # phase: visualization
plt.xlabel("size (m2)")  # phase: visualization
plt.ylabel("price")  # phase: visualization
plt.show()  # phase: visualization

for col in ["rooms", "floor", "year_built"]:  # phase: visualization
    plt.scatter(apartments[col], apartments["price"], alpha=0.4)
    plt.title(f"price vs {col}")
    plt.show()

apartments = apartments.dropna(subset=["size", "price"])  # phase: data_cleaning
apartments["size_norm"] = (apartments["size"] - apartments["size"].mean()) / apartments["size"].std()  # phase: feature_engineering

X = apartments[["size_norm"]]  # phase: feature_engineering
y = apartments["price"]  # phase: feature_engineering

model = LinearRegression()  # phase: model_training
model.fit(X, y)  # phase: model_training
predictions = model.predict(X)  # phase: prediction
error = mean_absolute_error(y, predictions)  # phase: model_evaluation
print(f"mean absolute error: {error:,.0f}")  # phase: model_evaluation

plt.scatter(X, y, s=5)  # phase: visualization
plt.plot(X, predictions, color="red")  # phase: visualization
plt.show()  # phase: visualization
