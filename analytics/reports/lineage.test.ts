/** Which names a statement reads: the def-use half of lineage. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readNames } from './lineage.js';

test('right-hand side identifiers, not attributes, strings or the target', () => {
  assert.deepEqual([...readNames('X_train = zero_mean(X_train) / std(X_train)')].sort(), ['X_train', 'std', 'zero_mean']);
  assert.deepEqual([...readNames('houses = pd.read_csv("data/apartments.csv")')].sort(), ['pd']);
  assert.deepEqual([...readNames('W -= alpha * d_cost(X, W, Y)')].sort(), ['W', 'X', 'Y', 'alpha', 'd_cost']);
  assert.deepEqual([...readNames('model.fit(X_train, y_train)  # train')].sort(), ['X_train', 'model', 'y_train']);
  assert.deepEqual([...readNames('error = mean_absolute_error(y_test, model.predict(X_test))')].sort(), ['X_test', 'mean_absolute_error', 'model', 'y_test']);
  assert.deepEqual([...readNames('ok = a == b')].sort(), ['a', 'b']);
});
