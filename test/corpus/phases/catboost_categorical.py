import pandas as pd  # phase: setup
from catboost import CatBoostRegressor, Pool  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.metrics import mean_squared_error  # phase: setup

cars = pd.read_csv("used_cars.csv")  # phase: data_loading
cars.head()  # phase: data_exploration
cars = cars[cars["price"] > 100]  # phase: data_cleaning
cars["age"] = 2024 - cars["year"]  # phase: feature_engineering
cat_cols = ["brand", "model", "fuel", "transmission"]  # phase: feature_engineering
X = cars.drop(columns=["price", "year"])  # phase: feature_engineering
y = cars["price"]  # phase: feature_engineering
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=11)  # phase: data_splitting
train_pool = Pool(X_tr, y_tr, cat_features=cat_cols)  # phase: model_training
test_pool = Pool(X_te, y_te, cat_features=cat_cols)  # phase: model_training
model = CatBoostRegressor(iterations=1000, depth=6, learning_rate=0.03, loss_function="RMSE", verbose=100)  # phase: model_training
model.fit(train_pool, eval_set=test_pool, early_stopping_rounds=50)  # phase: model_training
preds = model.predict(test_pool)  # phase: prediction
rmse = mean_squared_error(y_te, preds) ** 0.5  # phase: model_evaluation
print("RMSE", rmse)  # phase: model_evaluation
print(model.get_feature_importance(prettified=True).head(10))  # phase: model_evaluation
model.save_model("cars.cbm")  # phase: model_persistence
