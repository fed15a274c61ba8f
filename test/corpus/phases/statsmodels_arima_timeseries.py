import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from statsmodels.tsa.arima.model import ARIMA  # phase: setup
from statsmodels.tsa.seasonal import seasonal_decompose  # phase: setup
from statsmodels.tsa.stattools import adfuller  # phase: setup
from sklearn.metrics import mean_absolute_percentage_error  # phase: setup

sales = pd.read_csv("monthly_sales.csv", parse_dates=["month"], index_col="month")  # phase: data_loading
sales = sales.asfreq("MS")  # phase: data_cleaning
sales["units"] = sales["units"].interpolate()  # phase: data_cleaning
sales["units"].plot(title="monthly units")  # phase: visualization
plt.show()  # phase: visualization
decomposition = seasonal_decompose(sales["units"], model="additive")  # phase: data_exploration
print("ADF p-value", adfuller(sales["units"])[1])  # phase: data_exploration
train, test = sales.iloc[:-12], sales.iloc[-12:]  # phase: data_splitting
arima = ARIMA(train["units"], order=(2, 1, 2), seasonal_order=(1, 1, 1, 12))  # phase: model_training
fitted = arima.fit()  # phase: model_training
forecast = fitted.forecast(steps=12)  # phase: prediction
print("MAPE", mean_absolute_percentage_error(test["units"], forecast))  # phase: model_evaluation
plt.plot(test.index, test["units"], label="actual")  # phase: visualization
plt.plot(test.index, forecast, label="forecast")  # phase: visualization
plt.legend()  # phase: visualization
plt.show()  # phase: visualization
