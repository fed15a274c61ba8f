# Batch retraining of the churn model with the project's helpers.
import joblib  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup

import prep  # phase: setup
from modelling.forest import forest_on, holdout_report  # phase: setup

frame = prep.tidy(prep.raw_frame())  # phase: data_loading, data_cleaning
table = prep.numeric_view(frame)  # phase: feature_engineering
features = table.drop(columns=["Churn"])  # phase: feature_engineering
target = table["Churn"]  # phase: feature_engineering
X_tr, X_va, y_tr, y_va = train_test_split(features, target, test_size=0.2, random_state=3)  # phase: data_splitting

model = forest_on(X_tr, y_tr, trees=500)  # phase: model_training
print("validation AUC", holdout_report(model, X_va, y_va))  # phase: model_evaluation
joblib.dump(model, "churn_forest.joblib")  # phase: model_persistence
