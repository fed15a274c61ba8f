// rules/candidates.ts keysOfColumns: a loop over a literal list of strings the body reads as columns (grp[col]) fits
// one model per target, not one per hyper-parameter value: not hyperparameter_tuning (was: 'loop trains a model for
// each candidate value', which also made the per-group loop around it tuning). A list of option strings handed to
// the model (kernel=k) stays a sweep.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('one model per target column is training, one per option string is tuning', () => {
  assertPhases('per_target.py', [
    'import pandas as pd',
    'from sklearn.linear_model import Ridge',
    'from sklearn.svm import SVC',
    'from sklearn.metrics import accuracy_score',
    'df = pd.read_csv("train.csv")',
    'X = df[["a", "b"]]',
    'models = {}',
    ['for target in ["ConfirmedCases", "Fatalities"]:', ['model_training']],
    '    models[target] = Ridge().fit(X, df[target])',
    ['for kernel in ["linear", "rbf", "poly"]:', ['hyperparameter_tuning']],
    '    clf = SVC(kernel=kernel).fit(X, df["y"])',
    '    print(kernel, accuracy_score(df["y"], clf.predict(X)))',
  ]);
});
