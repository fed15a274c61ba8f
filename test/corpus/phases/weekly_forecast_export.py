import joblib  # phase: setup
import pandas as pd  # phase: setup

reg = joblib.load("weekly_reg.joblib")  # phase: model_persistence
weeks = pd.read_csv("next_weeks.csv", parse_dates=["week"])  # phase: data_loading
weeks["month"] = weeks["week"].dt.month  # phase: feature_engineering
weeks["weekofyear"] = weeks["week"].dt.isocalendar().week  # phase: feature_engineering

weeks["forecast"] = reg.predict(weeks[["store", "month", "weekofyear"]])  # phase: prediction
weeks[["store", "week", "forecast"]].head()  # phase: prediction
top_stores = weeks.sort_values("forecast", ascending=False).head(5)  # phase: prediction
weeks.groupby("store")["forecast"].sum()  # phase: model_evaluation

submission = pd.DataFrame({"id": weeks.index, "sales": weeks["forecast"]})  # phase: model_persistence
submission.to_csv("submission.csv", index=False)  # phase: model_persistence
