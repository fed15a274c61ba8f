import pandas as pd  # phase: setup
import numpy as np  # phase: setup
import statsmodels.api as sm  # phase: setup
import statsmodels.formula.api as smf  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

claims = pd.read_csv("claims.csv")  # phase: data_loading
print(claims.describe())  # phase: data_exploration
claims = claims[claims["exposure"] > 0]  # phase: data_cleaning
claims["log_exposure"] = np.log(claims["exposure"])  # phase: feature_engineering
claims["age_band"] = pd.cut(claims["driver_age"], [17, 25, 40, 60, 100])  # phase: feature_engineering

poisson = smf.glm("n_claims ~ age_band + vehicle_power + C(region)", data=claims, family=sm.families.Poisson(), offset=claims["log_exposure"]).fit()  # phase: model_training
print(poisson.summary())  # phase: model_evaluation
print("AIC", poisson.aic)  # phase: model_evaluation
claims["expected"] = poisson.predict(claims, offset=claims["log_exposure"])  # phase: prediction
plt.scatter(claims["expected"], claims["n_claims"], alpha=0.3)  # phase: visualization
plt.xlabel("expected claims")  # phase: visualization
plt.show()  # phase: visualization
