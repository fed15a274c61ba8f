import optuna  # phase: setup
import lightgbm as lgb  # phase: setup
import pandas as pd  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import mean_squared_error  # phase: setup

df = pd.read_csv("used_cars.csv")  # phase: data_loading
X = df.drop(columns=["price"])  # phase: feature_engineering
y = df["price"]  # phase: feature_engineering
X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=3)  # phase: data_splitting


def objective(trial):  # phase: hyperparameter_tuning
    params = {
        "num_leaves": trial.suggest_int("num_leaves", 16, 256),
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.3, log=True),
        "min_child_samples": trial.suggest_int("min_child_samples", 5, 100),
    }
    model = lgb.LGBMRegressor(n_estimators=500, **params)
    model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)])
    return mean_squared_error(y_va, model.predict(X_va)) ** 0.5


study = optuna.create_study(direction="minimize")  # phase: hyperparameter_tuning
study.optimize(objective, n_trials=50)  # phase: hyperparameter_tuning
print(study.best_value, study.best_params)  # phase: hyperparameter_tuning

final = lgb.LGBMRegressor(n_estimators=500, **study.best_params)  # phase: model_training
final.fit(X, y)  # phase: model_training
test = pd.read_csv("used_cars_test.csv")  # phase: data_loading
test["price"] = final.predict(test[X.columns])  # phase: prediction
