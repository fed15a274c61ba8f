// Issue 13: the Kaggle template's loop printing the input files is housekeeping (other), a loop reading them loads data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../index.js';
import { phasesAt } from '../../../test/support/phases-at.js';

test('a loop over os.walk that only prints the paths is other; one that reads the files is data loading', () => {
  const src = [
    'import os',
    'import pandas as pd',
    "for dirname, _, filenames in os.walk('/kaggle/input'):", // 3
    '    for filename in filenames:',
    '        print(os.path.join(dirname, filename))',
    'frames = []',
    "for dirname, _, filenames in os.walk('data'):", // 7
    '    for filename in filenames:',
    '        frames.append(pd.read_csv(os.path.join(dirname, filename)))',
  ].join('\n');
  const a = analyzeSource(src, 'walk.py');
  assert.deepEqual(phasesAt(a, 3), ['other']);
  assert.deepEqual(phasesAt(a, 7), ['data_loading']);
});
