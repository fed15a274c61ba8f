import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.preprocessing import StandardScaler  # phase: setup
from sklearn.cluster import KMeans  # phase: setup
from sklearn.metrics import silhouette_score  # phase: setup

orders = pd.read_csv("online_retail.csv", encoding="latin-1")  # phase: data_loading
orders = orders.dropna(subset=["CustomerID"])  # phase: data_cleaning
orders = orders[orders["Quantity"] > 0]  # phase: data_cleaning

orders["amount"] = orders["Quantity"] * orders["UnitPrice"]  # phase: feature_engineering
rfm = orders.groupby("CustomerID").agg(frequency=("InvoiceNo", "nunique"), monetary=("amount", "sum"))  # phase: feature_engineering
rfm_scaled = StandardScaler().fit_transform(rfm)  # phase: feature_engineering

inertias = []  # phase: hyperparameter_tuning
for k in range(2, 10):  # phase: hyperparameter_tuning
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(rfm_scaled)
    inertias.append(km.inertia_)
plt.plot(range(2, 10), inertias, marker="o")  # phase: visualization
plt.show()  # phase: visualization

kmeans = KMeans(n_clusters=4, n_init=10, random_state=0)  # phase: model_training
rfm["segment"] = kmeans.fit_predict(rfm_scaled)  # phase: model_training
print(silhouette_score(rfm_scaled, rfm["segment"]))  # phase: model_evaluation
rfm.groupby("segment").mean()  # phase: model_evaluation
