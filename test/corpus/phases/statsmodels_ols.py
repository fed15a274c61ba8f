import pandas as pd  # phase: setup
import statsmodels.api as sm  # phase: setup
import statsmodels.formula.api as smf  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

wages = pd.read_stata("wages.dta")  # phase: data_loading
wages.describe()  # phase: data_exploration
wages = wages.dropna(subset=["wage", "educ", "exper"])  # phase: data_cleaning
wages["log_wage"] = wages["wage"].apply(lambda w: __import__("math").log(w))  # phase: feature_engineering
wages["exper2"] = wages["exper"] ** 2  # phase: feature_engineering
X = sm.add_constant(wages[["educ", "exper", "exper2"]])  # phase: feature_engineering
ols = sm.OLS(wages["log_wage"], X)  # phase: model_training
res = ols.fit()  # phase: model_training
print(res.summary())  # phase: model_evaluation
print(res.params)  # phase: model_evaluation
formula_res = smf.ols("log_wage ~ educ + exper + exper2 + female", data=wages).fit(cov_type="HC1")  # phase: model_training
print(formula_res.rsquared)  # phase: model_evaluation
wages["fitted"] = formula_res.fittedvalues  # phase: prediction
sm.qqplot(formula_res.resid, line="45")  # phase: visualization
plt.show()  # phase: visualization
