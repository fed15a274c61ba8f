import pandas as pd  # phase: setup
from sklearn.tree import DecisionTreeClassifier, plot_tree  # phase: setup
from sklearn.metrics import ConfusionMatrixDisplay  # phase: setup
import matplotlib.pyplot as plt  # phase: setup

penguins = pd.read_csv("penguins.csv").dropna()  # phase: data_loading, data_cleaning
X = pd.get_dummies(penguins.drop(columns="species"))  # phase: feature_engineering
y = penguins["species"]  # phase: feature_engineering
tree = DecisionTreeClassifier(max_depth=3, criterion="entropy")  # phase: model_training
tree.fit(X, y)  # phase: model_training
plt.figure(figsize=(14, 8))  # phase: visualization
plot_tree(tree, feature_names=X.columns, class_names=tree.classes_, filled=True)  # phase: visualization
plt.show()  # phase: visualization
ConfusionMatrixDisplay.from_estimator(tree, X, y)  # phase: visualization
importances = pd.Series(tree.feature_importances_, index=X.columns).sort_values()  # phase: model_evaluation
importances.plot(kind="barh")  # phase: visualization
