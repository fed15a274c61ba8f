"""Charlie: a neural network on freshly downloaded data."""  # phase: other
import urllib.request  # phase: setup
import pandas as pd  # phase: setup
from sklearn.neural_network import MLPRegressor  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.preprocessing import MinMaxScaler  # phase: setup
from sklearn.metrics import mean_absolute_error  # phase: setup
import joblib  # phase: setup

URL = "https://example.org/open-data/apartments.csv"  # phase: other
urllib.request.urlretrieve(URL, "apartments_fresh.csv")  # phase: data_loading
df = pd.read_csv("apartments_fresh.csv")  # phase: data_loading
print(df.shape)  # phase: data_exploration
df = df.drop_duplicates()  # phase: data_cleaning
df = df.dropna(subset=["price"])  # phase: data_cleaning
df["rooms"] = df["rooms"].fillna(df["rooms"].median())  # phase: data_cleaning

X = df[["size", "rooms", "dist_centre", "dist_transport", "dist_park"]].values  # phase: feature_engineering
y = df["price"].values  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)  # phase: data_splitting
scaler = MinMaxScaler()  # phase: feature_engineering
X_train = scaler.fit_transform(X_train)  # phase: feature_engineering
X_test = scaler.transform(X_test)  # phase: feature_engineering

nn = MLPRegressor(hidden_layer_sizes=(64, 32), activation="relu", learning_rate_init=0.001, max_iter=500, random_state=1)  # phase: model_training
nn.fit(X_train, y_train)  # phase: model_training
pred = nn.predict(X_test)  # phase: prediction
mae = mean_absolute_error(y_test, pred)  # phase: model_evaluation
print("MLP MAE", round(mae))  # phase: model_evaluation
joblib.dump(nn, "charlie_mlp.joblib")  # phase: model_persistence
