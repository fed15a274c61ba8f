// Issue 13: the PyTorch tutorials count iterations across epochs (`count = 0`, then `count += 1` in the batch loop
// nested in the epoch loop, logging every 50 iterations). The counter is an accumulator of the loop that fills it
// (corpus README); the `count += 1` inside the loop updates it, it does not define a new constant that would hide
// the starting value from the loop's phase.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a counter incremented in a nested training loop takes the loop phases', () => {
  assertPhases('iteration_counter.py', [
    'import torch',
    'import torch.nn as nn',
    'model = nn.Linear(784, 10)',
    'error = nn.CrossEntropyLoss()',
    'optimizer = torch.optim.SGD(model.parameters(), lr=0.1)',
    'train_loader = torch.load("loader.pt")',
    ['count = 0', ['model_training']],
    ['loss_list = []', ['model_training']],
    'for epoch in range(5):',
    '    for images, labels in train_loader:',
    '        optimizer.zero_grad()',
    '        loss = error(model(images), labels)',
    '        loss.backward()',
    '        optimizer.step()',
    '        count += 1',
    '        if count % 50 == 0:',
    '            loss_list.append(loss.data)',
  ]);
});
