// Issue 13: putting back the best weights kept in memory after early stopping ends the training; loading a saved
// state from a file is persistence (labeller/call.ts, load_state_dict).
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('load_state_dict of an in-memory state is training, of a file persistence', () => {
  assertPhases('restore.py', [
    'import copy',
    'import torch',
    'import torch.nn as nn',
    'model = nn.Linear(4, 1)',
    'best_state = copy.deepcopy(model.state_dict())',
    ['model.load_state_dict(best_state)', ['model_training']],
    ['model.load_state_dict(torch.load("model.pt"))', ['model_persistence']],
  ]);
});
