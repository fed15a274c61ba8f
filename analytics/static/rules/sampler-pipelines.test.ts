// Issue 13 ("dealing with imbalanced datasets" kernels): a sampler handed to a pipeline together with a model is a
// step of the model built (corpus README: an imblearn pipeline of a sampler and a model is model_training), whether
// the pipeline comes from imblearn's make_pipeline (often imported as imbalanced_make_pipeline) or its Pipeline class;
// the sampler's own fit_resample outside a pipeline stays data_splitting.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('SMOTE inside make_pipeline with a model is training, fit_resample alone is splitting', () => {
  assertPhases('sampler_pipelines.py', [
    'import pandas as pd',
    'from imblearn.over_sampling import SMOTE',
    'from imblearn.under_sampling import NearMiss',
    'from imblearn.pipeline import make_pipeline as imbalanced_make_pipeline',
    'from imblearn.pipeline import make_pipeline',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.model_selection import cross_val_score',
    "df = pd.read_csv('creditcard.csv')",
    "X = df.drop('Class', axis=1)",
    "y = df['Class']",
    ['pipe = make_pipeline(SMOTE(random_state=42), LogisticRegression(max_iter=1000))', ['model_training']],
    ["pipeline = imbalanced_make_pipeline(NearMiss(), LogisticRegression())", ['model_training'], 'an aliased imblearn make_pipeline'],
    'scores = cross_val_score(pipe, X, y, cv=5)',
    ['X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)', ['data_splitting']],
  ]);
});
