// Issue 13: values named as the truth an evaluation scores against (y_true = test_gen.classes, trues = ... * std + mean)
// are model_evaluation, not a features/target selection or a transformation; predictions brought back to the scale of
// the data (preds = np.concatenate(preds) * std + mean) stay predictions (labeller/assign.ts, labeller/names.ts TRUTH_RE).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';
import { TORCH_HEAD } from '../../../test/support/torch-snippet.js';

test('the true values kept for scoring are model evaluation, rescaled predictions prediction', () => {
  assertPhases('truth.py', [
    ...TORCH_HEAD,
    'mean, std = 10.0, 2.0',
    'model.eval()',
    'preds, trues = [], []',
    'with torch.no_grad():',
    '    for xb, yb in loader:',
    '        preds.append(model(xb).numpy())',
    '        trues.append(yb.numpy())',
    ['preds = np.concatenate(preds) * std + mean', ['prediction']],
    ['trues = np.concatenate(trues) * std + mean', ['model_evaluation']],
    'print(np.abs(preds - trues).mean())',
    ['y_true = y.numpy()', ['model_evaluation']],
  ]);
});

test('features and targets selected under other names stay feature engineering', () => {
  assertPhases('selected.py', [
    'import pandas as pd',
    "df = pd.read_csv('d.csv')",
    ["y = df['target'].values", ['feature_engineering']],
    ["X_num = df[['a', 'b']].values", ['feature_engineering']],
  ]);
});
