import numpy as np  # phase: setup
import pandas as pd  # phase: setup
from sklearn.model_selection import StratifiedKFold  # phase: setup
from sklearn.linear_model import LogisticRegression  # phase: setup
from sklearn.metrics import roc_auc_score  # phase: setup

train = pd.read_csv("train.csv")  # phase: data_loading
features = [c for c in train.columns if c.startswith("f_")]  # phase: feature_engineering
X = train[features].values  # phase: feature_engineering
y = train["target"].values  # phase: feature_engineering
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)  # phase: data_splitting
oof = np.zeros(len(train))  # phase: prediction
for fold, (tr_idx, va_idx) in enumerate(skf.split(X, y)):  # phase: model_training, prediction
    model = LogisticRegression(C=0.5, max_iter=1000)
    model.fit(X[tr_idx], y[tr_idx])
    oof[va_idx] = model.predict_proba(X[va_idx])[:, 1]
print("OOF AUC", roc_auc_score(y, oof))  # phase: model_evaluation
