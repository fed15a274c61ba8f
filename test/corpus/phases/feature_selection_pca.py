import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.decomposition import PCA  # phase: setup
from sklearn.feature_selection import SelectKBest, f_classif, VarianceThreshold  # phase: setup
from sklearn.preprocessing import StandardScaler  # phase: setup
from sklearn.linear_model import LogisticRegression  # phase: setup

cancer = pd.read_csv("breast_cancer.csv")  # phase: data_loading
cancer = cancer.drop(columns=["id", "Unnamed: 32"])  # phase: data_cleaning
y = cancer["diagnosis"].map({"M": 1, "B": 0})  # phase: feature_engineering
X = cancer.drop(columns="diagnosis")  # phase: feature_engineering
X = VarianceThreshold(threshold=0.01).fit_transform(X)  # phase: feature_engineering
X_scaled = StandardScaler().fit_transform(X)  # phase: feature_engineering
selector = SelectKBest(f_classif, k=10)  # phase: feature_engineering
X_best = selector.fit_transform(X_scaled, y)  # phase: feature_engineering
pca = PCA(n_components=2)  # phase: feature_engineering
X_pca = pca.fit_transform(X_scaled)  # phase: feature_engineering
print(pca.explained_variance_ratio_)  # phase: data_exploration
plt.scatter(X_pca[:, 0], X_pca[:, 1], c=y, cmap="coolwarm")  # phase: visualization
plt.show()  # phase: visualization
logreg = LogisticRegression().fit(X_best, y)  # phase: model_training
print(logreg.score(X_best, y))  # phase: model_evaluation
