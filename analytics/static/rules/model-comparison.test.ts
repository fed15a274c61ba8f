// Issue 13: a loop over a dict of models (for name, est in candidates.items()) compares models: the loop variable is a
// model, so the pipeline wrapping it (make_pipeline(SimpleImputer(), StandardScaler(), est)) is a model pipeline whose
// steps are parts of the model, not cleaning or feature engineering, and the model is no hyperparameter candidate.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('pipelines wrapping the models of a comparison loop add no cleaning, features or tuning', () => {
  assertPhases('compare.py', [
    'import pandas as pd',
    'from sklearn.pipeline import make_pipeline',
    'from sklearn.impute import SimpleImputer',
    'from sklearn.preprocessing import StandardScaler',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.ensemble import RandomForestClassifier',
    'from sklearn.model_selection import cross_validate',
    'X = pd.read_csv("x.csv")',
    'y = X.pop("y")',
    'candidates = {"lr": LogisticRegression(max_iter=1000), "rf": RandomForestClassifier(n_estimators=300)}',
    ['rows = []', ['model_evaluation']],
    ['for name, est in candidates.items():', ['model_evaluation', 'model_training'], 'was model_evaluation, data_cleaning, feature_engineering'],
    '    pipe = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), est)',
    '    res = cross_validate(pipe, X, y, cv=5, scoring=["accuracy"])',
    '    rows.append({"model": name, "acc": res["test_accuracy"].mean()})',
    ['final = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), candidates["rf"])', ['model_training']],
  ]);
});
