// Issue 13: libraries common in Kaggle notebooks that the knowledge base did not know (analytics/knowledge/ml_extras.json):
// UMAP (a projection, like t-SNE), HDBSCAN and k-modes / k-prototypes (clusterers), featuretools (deep feature
// synthesis), TextBlob (a sentiment feature), eli5 (weights and permutation importances of a model) and PyCaret's
// low-code workflow (setup, compare_models, tune_model, predict_model, ...).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('projections, clusterers, feature synthesis, sentiment and model explanations', () => {
  assertPhases('extras.py', [
    'import pandas as pd',
    'import umap',
    'import hdbscan',
    'import eli5',
    'import featuretools as ft',
    'from kmodes.kprototypes import KPrototypes',
    'from textblob import TextBlob',
    'from eli5.sklearn import PermutationImportance',
    'from sklearn.ensemble import RandomForestClassifier',
    'df = pd.read_csv("a.csv")',
    'X, y = df.drop(columns="y"), df["y"]',
    ['reducer = umap.UMAP(random_state=42)', ['feature_engineering']],
    ['clusterer = hdbscan.HDBSCAN(min_cluster_size=10)', ['model_training']],
    ['kp = KPrototypes(n_clusters=3)', ['model_training']],
    ['df["polarity"] = df["text"].apply(lambda t: TextBlob(t).sentiment.polarity)', ['feature_engineering']],
    'model = RandomForestClassifier().fit(X, y)',
    ['eli5.show_weights(model, feature_names=list(X.columns))', ['model_evaluation']],
    ['perm = PermutationImportance(model, random_state=1).fit(X, y)', ['model_evaluation']],
    ['es = ft.EntitySet(id="data")', ['feature_engineering']],
    ['matrix, defs = ft.dfs(entityset=es, target_dataframe_name="data", max_depth=2)', ['feature_engineering']],
  ]);
});

test("PyCaret's workflow: setup prepares the data, compare / create / tune / predict / save the models", () => {
  assertPhases('pycaret.py', [
    'import pandas as pd',
    'from pycaret.classification import *',
    'df = pd.read_csv("train.csv")',
    'test = pd.read_csv("test.csv")',
    ['clf = setup(data=df, target="Survived", session_id=123)', ['data_cleaning', 'feature_engineering']],
    ['best = compare_models()', ['model_training', 'model_evaluation']],
    ['rf = create_model("rf")', ['model_training']],
    ['tuned = tune_model(rf)', ['hyperparameter_tuning']],
    ['plot_model(tuned, plot="auc")', ['visualization']],
    ['final = finalize_model(tuned)', ['model_training']],
    ['preds = predict_model(final, data=test)', ['prediction']],
    ['save_model(final, "model")', ['model_persistence']],
  ]);
});
