import numpy as np  # phase: setup
import pandas as pd  # phase: setup
from sklearn.ensemble import RandomForestClassifier  # phase: setup

train = pd.read_csv("train.csv")  # phase: data_loading
test = pd.read_csv("test.csv")  # phase: data_loading

train = train.drop_duplicates()  # phase: data_cleaning
train["Age"] = train["Age"].fillna(train["Age"].median())  # phase: data_cleaning
test["Age"] = test["Age"].fillna(train["Age"].median())  # phase: data_cleaning
test["Fare"] = test["Fare"].fillna(test["Fare"].median())  # phase: data_cleaning
train["Embarked"] = train["Embarked"].fillna("S")  # phase: data_cleaning
train = train.dropna(subset=["Survived"])  # phase: data_cleaning

for df in (train, test):  # phase: feature_engineering
    df["Sex"] = df["Sex"].map({"male": 0, "female": 1})
    df["FamilySize"] = df["SibSp"] + df["Parch"] + 1

features = ["Pclass", "Sex", "Age", "Fare", "FamilySize"]  # phase: feature_engineering
model = RandomForestClassifier(n_estimators=300, max_depth=6, random_state=1)  # phase: model_training
model.fit(train[features], train["Survived"])  # phase: model_training

predictions = model.predict(test[features])  # phase: prediction
submission = pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": predictions})  # phase: model_persistence
submission.to_csv("submission.csv", index=False)  # phase: model_persistence
