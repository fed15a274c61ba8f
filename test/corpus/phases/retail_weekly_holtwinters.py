# Weekly retail sales: stationarity check, Holt-Winters and SARIMAX forecasts compared on the last 12 weeks, plotly chart.
import pandas as pd  # phase: setup
import numpy as np  # phase: setup
import plotly.graph_objects as go  # phase: setup
from statsmodels.tsa.holtwinters import ExponentialSmoothing  # phase: setup
from statsmodels.tsa.statespace.sarimax import SARIMAX  # phase: setup
from statsmodels.tsa.stattools import adfuller  # phase: setup
from sklearn.metrics import mean_absolute_error  # phase: setup

sales = pd.read_csv("weekly_sales.csv", parse_dates=["week"], index_col="week")  # phase: data_loading
sales = sales["sales"].asfreq("W-SUN").fillna(method="ffill")  # phase: data_cleaning
print(sales.tail())  # phase: data_exploration
stat, pvalue = adfuller(sales)[:2]  # phase: data_exploration
print(f"ADF p-value: {pvalue:.3f}")  # phase: data_exploration

train, test = sales[:-12], sales[-12:]  # phase: data_splitting

hw = ExponentialSmoothing(train, trend="add", seasonal="add", seasonal_periods=52).fit()  # phase: model_training
hw_fc = hw.forecast(12)  # phase: prediction
sarima = SARIMAX(train, order=(1, 1, 1), seasonal_order=(0, 1, 1, 52)).fit(disp=False)  # phase: model_training
sarima_fc = sarima.get_forecast(12).predicted_mean  # phase: prediction

for name, fc in [("Holt-Winters", hw_fc), ("SARIMA", sarima_fc)]:  # phase: model_evaluation
    print(name, "MAE:", round(mean_absolute_error(test, fc), 1))

fig = go.Figure()  # phase: visualization
fig.add_trace(go.Scatter(x=train.index, y=train, name="train"))  # phase: visualization
fig.add_trace(go.Scatter(x=test.index, y=test, name="actual"))  # phase: visualization
fig.add_trace(go.Scatter(x=test.index, y=hw_fc, name="Holt-Winters"))  # phase: visualization
fig.add_trace(go.Scatter(x=test.index, y=sarima_fc, name="SARIMA"))  # phase: visualization
fig.update_layout(title="Weekly sales forecast", xaxis_title="week")  # phase: visualization
fig.show()  # phase: visualization
