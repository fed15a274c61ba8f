/** Runtime callee names resolve to knowledge-base phases despite private defining modules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { knowledgeRuntimePhases } from './runtime-phases.js';

test('private module paths map to public API phases', () => {
  const phasesOf = knowledgeRuntimePhases();
  assert.equal(phasesOf('sklearn.linear_model._base', 'LinearRegression.fit')[0], 'model_training');
  assert.equal(phasesOf('sklearn.metrics._regression', 'mean_absolute_error')[0], 'model_evaluation');
  assert.equal(phasesOf('pandas.io.parsers.readers', 'read_csv')[0], 'data_loading');
  assert.deepEqual(phasesOf('mypackage.internal', 'helper'), []);
});
