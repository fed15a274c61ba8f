# Churn: several classifiers compared by cross-validation, results gathered in a DataFrame.
import pandas as pd  # phase: setup
import matplotlib.pyplot as plt  # phase: setup
from sklearn.model_selection import train_test_split, cross_val_score  # phase: setup
from sklearn.preprocessing import StandardScaler  # phase: setup
from sklearn.linear_model import LogisticRegression  # phase: setup
from sklearn.ensemble import RandomForestClassifier, GradientBoostingClassifier  # phase: setup
from sklearn.neighbors import KNeighborsClassifier  # phase: setup
from sklearn.metrics import f1_score  # phase: setup

df = pd.read_csv("churn.csv")  # phase: data_loading
df.info()  # phase: data_exploration
df = df.dropna()  # phase: data_cleaning
df = pd.get_dummies(df, columns=["contract", "payment"], drop_first=True)  # phase: feature_engineering
X = df.drop(columns=["churn"])  # phase: feature_engineering
y = df["churn"]  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=1)  # phase: data_splitting
scaler = StandardScaler()  # phase: feature_engineering
X_train = scaler.fit_transform(X_train)  # phase: feature_engineering
X_test = scaler.transform(X_test)  # phase: feature_engineering

models = {  # phase: model_training
    "logreg": LogisticRegression(max_iter=1000),
    "forest": RandomForestClassifier(n_estimators=300),
    "boosting": GradientBoostingClassifier(),
    "knn": KNeighborsClassifier(n_neighbors=15),
}
rows = []  # phase: model_training, model_evaluation
for name, model in models.items():  # phase: model_training, model_evaluation
    cv = cross_val_score(model, X_train, y_train, cv=5, scoring="f1").mean()
    model.fit(X_train, y_train)
    test_f1 = f1_score(y_test, model.predict(X_test))
    rows.append({"model": name, "cv_f1": cv, "test_f1": test_f1})
results = pd.DataFrame(rows).sort_values("test_f1", ascending=False)  # phase: model_evaluation
print(results)  # phase: model_evaluation

results.plot.bar(x="model", y=["cv_f1", "test_f1"])  # phase: visualization
plt.show()  # phase: visualization

best = models[results.iloc[0]["model"]]  # phase: model_evaluation
churn_prob = best.predict_proba(X_test)[:, 1]  # phase: prediction
