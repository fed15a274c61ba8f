import pandas as pd  # phase: setup
import statsmodels.formula.api as smf  # phase: setup
from sklearn.metrics import roc_auc_score  # phase: setup

credit = pd.read_csv("credit.csv")  # phase: data_loading
credit = credit.dropna()  # phase: data_cleaning
credit["income_k"] = credit["income"] / 1000  # phase: feature_engineering
train = credit.sample(frac=0.8, random_state=1)  # phase: data_splitting
test = credit.drop(train.index)  # phase: data_splitting
logit = smf.logit("default ~ income_k + balance + student", data=train).fit()  # phase: model_training
print(logit.summary())  # phase: model_evaluation
test["p_default"] = logit.predict(test)  # phase: prediction
print("AUC", roc_auc_score(test["default"], test["p_default"]))  # phase: model_evaluation
