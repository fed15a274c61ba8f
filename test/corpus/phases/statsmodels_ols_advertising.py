import pandas as pd  # phase: setup
import statsmodels.api as sm  # phase: setup
import statsmodels.formula.api as smf  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

ads = pd.read_csv("advertising.csv")  # phase: data_loading
print(ads.corr())  # phase: data_exploration
ads.plot.scatter(x="TV", y="Sales")  # phase: visualization

ads["TV_radio"] = ads["TV"] * ads["Radio"]  # phase: feature_engineering
X = sm.add_constant(ads[["TV", "Radio", "TV_radio"]])  # phase: feature_engineering
ols = sm.OLS(ads["Sales"], X).fit()  # phase: model_training
print(ols.summary())  # phase: model_evaluation

formula_fit = smf.ols("Sales ~ TV + Radio + Newspaper", data=ads).fit()  # phase: model_training
print(formula_fit.rsquared_adj)  # phase: model_evaluation
fitted_sales = formula_fit.predict(ads)  # phase: prediction
plt.scatter(ads["Sales"], fitted_sales)  # phase: visualization
plt.xlabel("actual")  # phase: visualization
plt.show()  # phase: visualization
