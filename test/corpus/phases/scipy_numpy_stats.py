import numpy as np  # phase: setup
from scipy import stats  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

rng = np.random.default_rng(42)  # phase: setup
control = rng.normal(10.0, 2.0, size=500)  # phase: data_loading
variant = rng.normal(10.4, 2.1, size=500)  # phase: data_loading

print(control.mean(), variant.mean(), control.std(), variant.std())  # phase: data_exploration
t_stat, p_value = stats.ttest_ind(control, variant, equal_var=False)  # phase: data_exploration
print(f"t={t_stat:.2f} p={p_value:.4f}")  # phase: data_exploration
u_stat, p_mw = stats.mannwhitneyu(control, variant)  # phase: data_exploration

plt.hist(control, bins=30, alpha=0.5, label="control")  # phase: visualization
plt.hist(variant, bins=30, alpha=0.5, label="variant")  # phase: visualization
plt.legend()  # phase: visualization
plt.show()  # phase: visualization
