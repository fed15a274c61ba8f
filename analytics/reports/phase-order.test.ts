/** `labtrace show`'s order line: the phases as they ran, sub-millisecond stretches left out, repeats merged. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phaseOrder } from './render-record.js';

const at = (phase: string, start_s: number, end_s: number): { phase: string; start_s: number; end_s: number } => ({ phase, start_s, end_s });

test('the glue between the calls of a main() does not break the order into pieces', () => {
  assert.deepEqual(phaseOrder([
    at('setup', 0, 2.1), at('data_splitting', 2.1, 2.1), at('data_loading', 2.1, 2.6), at('data_splitting', 2.6, 2.6),
    at('data_cleaning', 2.6, 2.63), at('data_splitting', 2.63, 2.638), at('model_training', 2.638, 5.7), at('model_evaluation', 5.7, 5.72),
  ]), ['setup', 'data_loading', 'data_cleaning', 'data_splitting', 'model_training', 'model_evaluation']);
});

test('a phase that comes back after another is listed again; a run of one stretch is one phase', () => {
  assert.deepEqual(phaseOrder([at('setup', 0, 1), at('data_loading', 1, 2), at('other', 2, 2), at('data_loading', 2, 3), at('setup', 3, 3.5)]),
    ['setup', 'data_loading', 'setup']);
  assert.deepEqual(phaseOrder([at('setup', 0, 0.0004)]), []);
});
