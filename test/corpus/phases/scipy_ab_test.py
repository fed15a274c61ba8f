import numpy as np  # phase: setup
import pandas as pd  # phase: setup
from scipy import stats  # phase: setup
import seaborn as sns  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

ab = pd.read_csv("ab_test.csv")  # phase: data_loading
print(ab.groupby("group")["converted"].mean())  # phase: data_exploration
ab = ab.drop_duplicates(subset="user_id")  # phase: data_cleaning
control = ab[ab["group"] == "control"]["revenue"]  # phase: data_cleaning
treatment = ab[ab["group"] == "treatment"]["revenue"]  # phase: data_cleaning
t_stat, p_value = stats.ttest_ind(control, treatment, equal_var=False)  # phase: data_exploration
print(f"t={t_stat:.3f} p={p_value:.4f}")  # phase: data_exploration
chi2, p, dof, expected = stats.chi2_contingency(pd.crosstab(ab["group"], ab["converted"]))  # phase: data_exploration
sns.boxplot(x="group", y="revenue", data=ab)  # phase: visualization
plt.show()  # phase: visualization
ab["revenue_z"] = stats.zscore(ab["revenue"])  # phase: feature_engineering
ab = ab[np.abs(ab["revenue_z"]) < 3]  # phase: data_cleaning
