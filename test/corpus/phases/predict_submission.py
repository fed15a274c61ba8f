import joblib  # phase: setup
import pandas as pd  # phase: setup

model = joblib.load("models/best_model.joblib")  # phase: model_persistence
test = pd.read_csv("test.csv")  # phase: data_loading
test["Fare"] = test["Fare"].fillna(test["Fare"].median())  # phase: data_cleaning
X_test = test[["Pclass", "Age", "Fare"]]  # phase: feature_engineering
preds = model.predict(X_test)  # phase: prediction
submission = pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": preds})  # phase: model_persistence
submission.to_csv("submission.csv", index=False)  # phase: model_persistence
