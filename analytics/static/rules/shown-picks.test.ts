// Issue 13: a batch picked out of a loader (rules/plot-only.ts) and then only shown (xb.shape, yb.shape) is looking
// at the data, data_exploration, not a selection of features; loops and functions rebinding the same names
// (for xb, yb in loader) do not read it. A pick from which values only drawn are derived (grid = imgs[:8] * 0.15 + 0.6)
// is drawn too.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';
import { TORCH_HEAD } from '../../../test/support/torch-snippet.js';

test('a batch picked out and only shown is data exploration, whatever later loops rebind its names', () => {
  assertPhases('batch.py', [
    ...TORCH_HEAD,
    ['xb, yb = next(iter(loader))', ['data_exploration']],
    'xb.shape, yb.shape',
    'def run_epoch(dl):',
    '    total = 0.0',
    '    for xb, yb in dl:',
    '        loss = loss_fn(model(xb), yb)',
    '        opt.zero_grad()',
    '        loss.backward()',
    '        opt.step()',
    '        total += loss.item() * len(xb)',
    '    return total',
    'for epoch in range(3):',
    '    run_epoch(loader)',
    'with torch.no_grad():',
    '    for xb, yb in loader:',
    '        out = model(xb)',
  ]);
});

test('a pick from which values only drawn are derived is visualization', () => {
  assertPhases('grid.py', [
    ...TORCH_HEAD,
    'import matplotlib.pyplot as plt',
    ['imgs, labels = next(iter(loader))', ['visualization']],
    ['grid = imgs[:8].numpy() * 0.15 + 0.6', ['visualization']],
    'fig, axes = plt.subplots(1, 8)',
    'for ax, im, lab in zip(axes, grid, labels[:8]):',
    '    ax.imshow(im.clip(0, 1))',
    '    ax.set_title(str(lab))',
  ]);
});
