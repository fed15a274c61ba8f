import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.linear_model import LogisticRegression  # phase: setup
from sklearn.metrics import roc_auc_score  # phase: setup


def load(path):  # phase: data_loading
    return pd.read_csv(path)


def fill_gaps(frame):  # phase: data_cleaning
    return frame.fillna(frame.median(numeric_only=True))


def prepare(path):  # phase: data_loading, data_cleaning
    return fill_gaps(load(path))


def one_hot(frame, cols):  # phase: feature_engineering
    return pd.get_dummies(frame, columns=cols)


def draw_hist(frame, col):  # phase: visualization
    frame[col].plot.hist(bins=30)
    plt.title(col)
    plt.show()


def draw_all(frame, cols):  # phase: visualization
    for c in cols:
        draw_hist(frame, c)


def fit_model(X, y):  # phase: model_training
    return LogisticRegression(max_iter=500).fit(X, y)


def countdown(n):  # phase: other
    if n > 0:
        countdown(n - 1)


loans = prepare("loans.csv")  # phase: data_loading, data_cleaning

draw_all(loans, ["income", "loan_amount", "age"])  # phase: visualization

loans = one_hot(loans, ["purpose", "home_ownership"])  # phase: feature_engineering

clf = fit_model(loans.drop(columns="default"), loans["default"])  # phase: model_training

print(roc_auc_score(loans["default"], clf.predict_proba(loans.drop(columns="default"))[:, 1]))  # phase: model_evaluation

countdown(3)  # phase: other
