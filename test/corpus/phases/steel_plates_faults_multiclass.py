# Steel plates faults (UCI): seven one-hot fault columns -> one label, compare four models, then label new plates.
import numpy as np  # phase: setup
import pandas as pd  # phase: setup
from catboost import CatBoostClassifier  # phase: setup
from sklearn.ensemble import ExtraTreesClassifier  # phase: setup
from sklearn.linear_model import LogisticRegression  # phase: setup
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix, f1_score, log_loss  # phase: setup
from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split  # phase: setup
from sklearn.pipeline import make_pipeline  # phase: setup
from sklearn.preprocessing import LabelEncoder, QuantileTransformer  # phase: setup
import xgboost as xgb  # phase: setup

plates = pd.read_csv("faults.csv")  # phase: data_loading
fault_cols = ["Pastry", "Z_Scratch", "K_Scatch", "Stains", "Dirtiness", "Bumps", "Other_Faults"]  # phase: feature_engineering
print(plates.shape)  # phase: data_exploration
print(plates[fault_cols].sum().sort_values(ascending=False))  # phase: data_exploration
print((plates[fault_cols].sum(axis=1) != 1).sum(), "rows without exactly one fault")  # phase: data_exploration
print(plates.describe().T.loc[["Pixels_Areas", "Sum_of_Luminosity", "Steel_Plate_Thickness"]])  # phase: data_exploration

plates = plates[plates[fault_cols].sum(axis=1) == 1]  # phase: data_cleaning
plates = plates.drop_duplicates()  # phase: data_cleaning
plates.columns = plates.columns.str.strip().str.replace(" ", "_")  # phase: data_cleaning
plates = plates.drop(columns=["TypeOfSteel_A400"])  # phase: data_cleaning
plates["Luminosity_Index"] = plates["Luminosity_Index"].clip(-1, 1)  # phase: data_cleaning

plates["fault"] = plates[fault_cols].idxmax(axis=1)  # phase: feature_engineering
print(plates.groupby("fault")[["Pixels_Areas", "Steel_Plate_Thickness"]].median())  # phase: data_exploration
plates["log_area"] = np.log1p(plates["Pixels_Areas"])  # phase: feature_engineering
plates["aspect"] = (plates["X_Maximum"] - plates["X_Minimum"]) / (plates["Y_Maximum"] - plates["Y_Minimum"] + 1)  # phase: feature_engineering
plates["lum_per_pixel"] = plates["Sum_of_Luminosity"] / plates["Pixels_Areas"]  # phase: feature_engineering
le = LabelEncoder()  # phase: feature_engineering
y = le.fit_transform(plates["fault"])  # phase: feature_engineering
X = plates.drop(columns=fault_cols + ["fault"])  # phase: feature_engineering
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=5)  # phase: data_splitting

models = {  # phase: model_training
    "logreg": make_pipeline(QuantileTransformer(output_distribution="normal"), LogisticRegression(C=0.5, max_iter=5000)),
    "extra_trees": ExtraTreesClassifier(n_estimators=600, min_samples_leaf=2, random_state=5, n_jobs=-1),
    "xgb": xgb.XGBClassifier(n_estimators=500, learning_rate=0.05, max_depth=5, subsample=0.8, colsample_bytree=0.7),
    "catboost": CatBoostClassifier(iterations=800, learning_rate=0.05, depth=6, verbose=0, random_seed=5),
}
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=5)  # phase: data_splitting
cv_table = {}  # phase: model_evaluation
for name, model in models.items():  # phase: model_evaluation, prediction
    cv_proba = cross_val_predict(model, X_train, y_train, cv=skf, method="predict_proba")
    cv_table[name] = {"acc": accuracy_score(y_train, cv_proba.argmax(1)),
                      "macro_f1": f1_score(y_train, cv_proba.argmax(1), average="macro"),
                      "logloss": log_loss(y_train, cv_proba)}
cv_table = pd.DataFrame(cv_table).T.sort_values("logloss")  # phase: model_evaluation
print(cv_table.round(4))  # phase: model_evaluation

for model in models.values():  # phase: model_training
    model.fit(X_train, y_train)
test_proba = np.mean([models[m].predict_proba(X_test) for m in ("xgb", "catboost", "extra_trees")], axis=0)  # phase: prediction
test_pred = test_proba.argmax(axis=1)  # phase: prediction
print("blend accuracy", accuracy_score(y_test, test_pred), "macro F1", f1_score(y_test, test_pred, average="macro"))  # phase: model_evaluation
for name, model in models.items():  # phase: model_evaluation, prediction
    print(name, round(accuracy_score(y_test, model.predict(X_test).ravel()), 4))
print(classification_report(y_test, test_pred, target_names=le.classes_))  # phase: model_evaluation
cm = pd.DataFrame(confusion_matrix(y_test, test_pred), index=le.classes_, columns=le.classes_)  # phase: model_evaluation
print(cm)  # phase: model_evaluation
print("most confused:", cm.where(~np.eye(len(cm), dtype=bool)).stack().sort_values(ascending=False).head(3).to_dict())  # phase: model_evaluation

new_plates = pd.read_csv("line3_today.csv")  # phase: data_loading
new_plates.columns = new_plates.columns.str.strip().str.replace(" ", "_")  # phase: data_cleaning
new_plates["log_area"] = np.log1p(new_plates["Pixels_Areas"])  # phase: feature_engineering
new_plates["aspect"] = (new_plates["X_Maximum"] - new_plates["X_Minimum"]) / (new_plates["Y_Maximum"] - new_plates["Y_Minimum"] + 1)  # phase: feature_engineering
new_plates["lum_per_pixel"] = new_plates["Sum_of_Luminosity"] / new_plates["Pixels_Areas"]  # phase: feature_engineering
proba_new = np.mean([models[m].predict_proba(new_plates[X.columns]) for m in ("xgb", "catboost", "extra_trees")], axis=0)  # phase: prediction
new_plates["fault"] = le.inverse_transform(proba_new.argmax(axis=1))  # phase: prediction
new_plates["p_fault"] = proba_new.max(axis=1).round(3)  # phase: prediction
new_plates["inspect"] = new_plates["p_fault"] < 0.6  # phase: prediction
print(new_plates[["plate_id", "fault", "p_fault", "inspect"]])  # phase: prediction
print(new_plates["fault"].value_counts())  # phase: prediction
