# Fuel consumption explained with statsmodels OLS: formula API, diagnostics, a log model compared by AIC.
import numpy as np  # phase: setup
import pandas as pd  # phase: setup
import seaborn as sns  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
import statsmodels.api as sm  # phase: setup
import statsmodels.formula.api as smf  # phase: setup
from statsmodels.stats.outliers_influence import variance_inflation_factor  # phase: setup

cars = pd.read_csv("auto_mpg.csv")  # phase: data_loading
cars.head()  # phase: data_exploration
cars.isna().sum()  # phase: data_exploration

cars = cars[cars["horsepower"] != "?"]  # phase: data_cleaning
cars["horsepower"] = cars["horsepower"].astype(float)  # phase: data_cleaning

sns.pairplot(cars[["mpg", "weight", "horsepower", "displacement"]])  # phase: visualization
plt.show()  # phase: visualization

cars["log_mpg"] = np.log(cars["mpg"])  # phase: feature_engineering
cars["weight_t"] = cars["weight"] / 1000  # phase: feature_engineering
exog = sm.add_constant(cars[["weight_t", "horsepower", "displacement"]])  # phase: feature_engineering
vif = [variance_inflation_factor(exog.values, i) for i in range(exog.shape[1])]  # phase: feature_engineering
print(dict(zip(exog.columns, vif)))  # phase: feature_engineering

linear = smf.ols("mpg ~ weight_t + horsepower + C(origin)", data=cars).fit()  # phase: model_training
print(linear.summary())  # phase: model_evaluation
loglin = smf.ols("log_mpg ~ weight_t + horsepower + C(origin)", data=cars).fit()  # phase: model_training
print("AIC linear:", linear.aic, "AIC log:", loglin.aic)  # phase: model_evaluation

resid = loglin.resid  # phase: visualization
sm.qqplot(resid, line="45", fit=True)  # phase: visualization
plt.scatter(loglin.fittedvalues, resid, s=8)  # phase: visualization
plt.axhline(0, color="k")  # phase: visualization
plt.show()  # phase: visualization

new_cars = pd.DataFrame({"weight_t": [2.2, 3.5], "horsepower": [90, 150], "origin": [3, 1]})  # phase: prediction
print(np.exp(loglin.predict(new_cars)))  # phase: prediction
