import optuna  # phase: setup
import lightgbm as lgb  # phase: setup
import pandas as pd  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import log_loss  # phase: setup

optuna.logging.set_verbosity(optuna.logging.WARNING)  # phase: setup
df = pd.read_parquet("loans.parquet")  # phase: data_loading
df = df.fillna(-1)  # phase: data_cleaning
X = df.drop(columns=["default"])  # phase: feature_engineering
y = df["default"]  # phase: feature_engineering
X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=0)  # phase: data_splitting


def objective(trial):  # phase: hyperparameter_tuning
    params = {  # phase: hyperparameter_tuning
        "num_leaves": trial.suggest_int("num_leaves", 16, 256),
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.3, log=True),
        "min_child_samples": trial.suggest_int("min_child_samples", 5, 100),
    }
    model = lgb.LGBMClassifier(n_estimators=300, **params)  # phase: model_training
    model.fit(X_tr, y_tr)  # phase: model_training
    return log_loss(y_va, model.predict_proba(X_va))  # phase: model_evaluation


study = optuna.create_study(direction="minimize")  # phase: hyperparameter_tuning
study.optimize(objective, n_trials=50)  # phase: hyperparameter_tuning
print(study.best_params)  # phase: hyperparameter_tuning
final = lgb.LGBMClassifier(n_estimators=300, **study.best_params)  # phase: model_training
final.fit(X, y)  # phase: model_training
lgb.plot_importance(final, max_num_features=20)  # phase: visualization
final.booster_.save_model("loans_lgbm.txt")  # phase: model_persistence
