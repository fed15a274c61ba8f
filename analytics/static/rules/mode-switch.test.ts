// Issue 13: `model.eval()` switches the model for what follows (rules/mode-switch.ts): it takes the phase of the next
// statement with a phase of work — an inference loop is prediction, an evaluation loop model_evaluation — even when
// the inference is scored right after (corpus README convention). Values appended to a container in a loop are not
// displayed (labeller/statement.ts): trues.append(yb.numpy()) is no look at the data.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';
import { TORCH_HEAD } from '../../../test/support/torch-snippet.js';

test('model.eval() before an inference loop is prediction, the loop and its accumulators too', () => {
  assertPhases('infer_after_eval.py', [
    ...TORCH_HEAD,
    '',
    ['model.eval()', ['prediction']],
    ['preds, trues = [], []', ['prediction']],
    ['with torch.no_grad():', ['prediction']],
    '    for xb, yb in loader:',
    '        preds.append(model(xb).numpy())',
    '        trues.append(yb.numpy())',
    '',
    ['print("done")', { not: ['prediction'] }],
  ]);
});

test('model.eval() before an inference-only block is prediction, even when the predictions are scored right after', () => {
  assertPhases('eval_then_score.py', [
    ...TORCH_HEAD,
    '',
    ['model.eval()', ['prediction']],
    ['with torch.no_grad():', ['prediction']],
    '    y_hat = model(X).argmax(dim=1)',
    ['acc = (y_hat == y).float().mean().item()', ['model_evaluation']],
  ]);
});

test('model.eval() before an evaluation loop stays model_evaluation', () => {
  assertPhases('eval_loop_after_eval.py', [
    ...TORCH_HEAD,
    '',
    ['model.eval()', ['model_evaluation']],
    ['correct = 0', ['model_evaluation']],
    ['with torch.no_grad():', ['model_evaluation']],
    '    for xb, yb in loader:',
    '        correct += (model(xb).argmax(1) == yb).sum().item()',
  ]);
});
