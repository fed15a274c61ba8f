# Vibration sensor anomalies: scipy filtering and z-scores, rolling features, an IsolationForest, flagged points plotted.
import numpy as np  # phase: setup
import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from scipy import stats, signal  # phase: setup
from sklearn.ensemble import IsolationForest  # phase: setup

raw = pd.read_csv("vibration.csv", parse_dates=["ts"])  # phase: data_loading
raw.describe()  # phase: data_exploration
raw = raw.drop_duplicates("ts").set_index("ts")  # phase: data_cleaning
raw["amp"] = raw["amp"].clip(lower=0)  # phase: data_cleaning

raw["amp_smooth"] = signal.savgol_filter(raw["amp"], window_length=31, polyorder=3)  # phase: feature_engineering
raw["z"] = stats.zscore(raw["amp_smooth"])  # phase: feature_engineering
raw["roll_std"] = raw["amp"].rolling(60).std()  # phase: feature_engineering
raw["roll_mean"] = raw["amp"].rolling(60).mean()  # phase: feature_engineering
feats = raw[["amp_smooth", "z", "roll_std", "roll_mean"]].dropna()  # phase: feature_engineering

print(stats.skew(raw["amp"]), stats.kurtosis(raw["amp"]))  # phase: data_exploration

forest = IsolationForest(n_estimators=200, contamination=0.01, random_state=3)  # phase: model_training
forest.fit(feats)  # phase: model_training
feats["anomaly"] = forest.predict(feats) == -1  # phase: prediction
print("flagged:", feats["anomaly"].sum())  # phase: prediction

fig, ax = plt.subplots(figsize=(14, 4))  # phase: visualization
ax.plot(feats.index, feats["amp_smooth"], lw=0.8)  # phase: visualization
ax.scatter(feats.index[feats["anomaly"]], feats["amp_smooth"][feats["anomaly"]], color="red", s=10)  # phase: visualization
plt.show()  # phase: visualization
