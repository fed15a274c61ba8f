import numpy as np  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.datasets import load_wine  # phase: setup
from sklearn.model_selection import train_test_split  # phase: setup
from sklearn.ensemble import RandomForestClassifier  # phase: setup
from sklearn.metrics import accuracy_score  # phase: setup

X, y = load_wine(return_X_y=True)  # phase: data_loading
X_tr, X_val, y_tr, y_val = train_test_split(X, y, test_size=0.3, random_state=0)  # phase: data_splitting
depths = [2, 4, 6, 8, 10, None]  # phase: hyperparameter_tuning
val_scores = []  # phase: hyperparameter_tuning
for d in depths:  # phase: hyperparameter_tuning
    rf = RandomForestClassifier(max_depth=d, n_estimators=100, random_state=0)
    rf.fit(X_tr, y_tr)
    val_scores.append(accuracy_score(y_val, rf.predict(X_val)))
best_depth = depths[int(np.argmax(val_scores))]  # phase: hyperparameter_tuning
print("best max_depth", best_depth)  # phase: hyperparameter_tuning
plt.plot([str(d) for d in depths], val_scores, marker="o")  # phase: visualization
plt.ylabel("validation accuracy")  # phase: visualization
plt.show()  # phase: visualization
