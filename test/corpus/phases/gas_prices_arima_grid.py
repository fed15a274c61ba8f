# Weekly gas prices: stationarity check, an ARIMA order search by AIC, a forecast of the last year.
import itertools  # phase: setup
import warnings  # phase: setup
import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from statsmodels.tsa.arima.model import ARIMA  # phase: setup
from statsmodels.tsa.stattools import adfuller  # phase: setup
from sklearn.metrics import mean_absolute_error  # phase: setup
warnings.filterwarnings("ignore")  # phase: setup

prices = pd.read_csv("gas_weekly.csv", parse_dates=["week"], index_col="week")  # phase: data_loading
prices = prices.asfreq("W").interpolate()  # phase: data_cleaning
print(prices.describe())  # phase: data_exploration

stat, pvalue = adfuller(prices["price"])[:2]  # phase: data_exploration
print("ADF p-value", pvalue)  # phase: data_exploration
diffed = prices["price"].diff().dropna()  # phase: feature_engineering

prices["price"].plot(figsize=(12, 4), title="weekly price")  # phase: visualization
plt.show()  # phase: visualization

train, test = prices["price"][:-52], prices["price"][-52:]  # phase: data_splitting

best_aic, best_order = float("inf"), None  # phase: hyperparameter_tuning
for p, d, q in itertools.product(range(3), range(2), range(3)):  # phase: hyperparameter_tuning
    fitted = ARIMA(train, order=(p, d, q)).fit()
    if fitted.aic < best_aic:
        best_aic, best_order = fitted.aic, (p, d, q)
print("best order", best_order, best_aic)  # phase: hyperparameter_tuning

model = ARIMA(train, order=best_order).fit()  # phase: model_training
print(model.summary())  # phase: model_evaluation
forecast = model.forecast(steps=len(test))  # phase: prediction
print("MAE", mean_absolute_error(test, forecast))  # phase: model_evaluation

plt.plot(train.index, train, label="train")  # phase: visualization
plt.plot(test.index, test, label="actual")  # phase: visualization
plt.plot(test.index, forecast, label="forecast")  # phase: visualization
plt.legend()  # phase: visualization
plt.show()  # phase: visualization
