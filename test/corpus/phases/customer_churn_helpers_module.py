import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.ensemble import RandomForestClassifier  # phase: setup
from sklearn.metrics import f1_score, confusion_matrix, ConfusionMatrixDisplay  # phase: setup


def load_churn(path):  # phase: data_loading
    return pd.read_csv(path)


def clean_churn(df):  # phase: data_cleaning
    df = df.drop_duplicates()
    df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce")
    return df.dropna(subset=["TotalCharges"])


def engineer(df):  # phase: feature_engineering
    df["charge_per_month"] = df["TotalCharges"] / df["tenure"].clip(lower=1)
    df["Churn"] = (df["Churn"] == "Yes").astype(int)
    return pd.get_dummies(df.drop(columns=["customerID"]), drop_first=True)


def fit_forest(X, y):  # phase: model_training
    forest = RandomForestClassifier(n_estimators=400, min_samples_leaf=3, n_jobs=-1, random_state=0)
    forest.fit(X, y)
    return forest


def report(model, X, y):  # phase: model_evaluation
    pred = model.predict(X)
    print("F1", f1_score(y, pred))
    return confusion_matrix(y, pred)


def show_confusion(cm):  # phase: visualization
    ConfusionMatrixDisplay(cm).plot()
    plt.show()


churn = load_churn("telco.csv")  # phase: data_loading
churn = clean_churn(churn)  # phase: data_cleaning
churn = engineer(churn)  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(churn.drop(columns="Churn"), churn["Churn"], test_size=0.3, random_state=0)  # phase: data_splitting
forest = fit_forest(X_train, y_train)  # phase: model_training
cm = report(forest, X_test, y_test)  # phase: model_evaluation
show_confusion(cm)  # phase: visualization
