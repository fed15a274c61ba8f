from sklearn.ensemble import RandomForestClassifier  # phase: setup
from sklearn.metrics import classification_report, roc_auc_score  # phase: setup


def forest_on(X, y, trees=300):  # phase: model_training
    forest = RandomForestClassifier(n_estimators=trees, min_samples_leaf=3, n_jobs=-1, random_state=0)
    forest.fit(X, y)
    return forest


def holdout_report(model, X, y):  # phase: model_evaluation
    proba = model.predict_proba(X)[:, 1]
    print(classification_report(y, model.predict(X)))
    return roc_auc_score(y, proba)
