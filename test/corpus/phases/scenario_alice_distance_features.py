"""Alice: Bob's regression plus distances to points of interest."""  # phase: other
import numpy as np  # phase: setup
import pandas as pd  # phase: setup
from sklearn.linear_model import LinearRegression  # phase: setup
from sklearn.metrics import mean_absolute_error, r2_score  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.preprocessing import StandardScaler  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

CENTRE = (52.52, 13.405)  # phase: other


def haversine(lat1, lon1, lat2, lon2):  # phase: feature_engineering
    lat1, lon1, lat2, lon2 = map(np.radians, [lat1, lon1, lat2, lon2])  # phase: feature_engineering
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2  # phase: feature_engineering
    return 6371 * 2 * np.arcsin(np.sqrt(a))  # phase: feature_engineering


def nearest_distance(df, pois):  # phase: feature_engineering
    d = [haversine(df["lat"], df["lon"], p.lat, p.lon) for p in pois.itertuples()]  # phase: feature_engineering
    return np.min(np.vstack(d), axis=0)  # phase: feature_engineering


apartments = pd.read_csv("data/apartments.csv")  # phase: data_loading
stations = pd.read_csv("data/transport_stops.csv")  # phase: data_loading
markets = pd.read_csv("data/supermarkets.csv")  # phase: data_loading
parks = pd.read_json("data/parks.json")  # phase: data_loading
schools = pd.read_csv("data/schools.csv")  # phase: data_loading

apartments = apartments.dropna()  # phase: data_cleaning
apartments = apartments[apartments["price"] < 5_000_000]  # phase: data_cleaning

apartments["dist_centre"] = haversine(apartments["lat"], apartments["lon"], *CENTRE)  # phase: feature_engineering
apartments["dist_transport"] = nearest_distance(apartments, stations)  # phase: feature_engineering
apartments["dist_supermarket"] = nearest_distance(apartments, markets)  # phase: feature_engineering
apartments["dist_park"] = nearest_distance(apartments, parks)  # phase: feature_engineering
apartments["dist_school"] = nearest_distance(apartments, schools)  # phase: feature_engineering
print(apartments[["dist_centre", "dist_transport", "dist_park"]].describe())  # phase: data_exploration

features = ["size", "dist_centre", "dist_transport", "dist_supermarket", "dist_park", "dist_school"]  # phase: feature_engineering
X = apartments[features]  # phase: feature_engineering
y = apartments["price"]  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=7)  # phase: data_splitting
scaler = StandardScaler()  # phase: feature_engineering
X_train = scaler.fit_transform(X_train)  # phase: feature_engineering
X_test = scaler.transform(X_test)  # phase: feature_engineering

reg = LinearRegression()  # phase: model_training
reg.fit(X_train, y_train)  # phase: model_training
y_pred = reg.predict(X_test)  # phase: prediction
print("MAE:", mean_absolute_error(y_test, y_pred))  # phase: model_evaluation
print("R2:", r2_score(y_test, y_pred))  # phase: model_evaluation
print(dict(zip(features, reg.coef_)))  # phase: model_evaluation

plt.scatter(y_test, y_pred, alpha=0.5)  # phase: visualization
plt.plot([y_test.min(), y_test.max()], [y_test.min(), y_test.max()], "k--")  # phase: visualization
plt.savefig("alice_pred_vs_true.png")  # phase: visualization
