// Issue 13: the Kaggle template's loop printing the input files is housekeeping (other), a loop reading them loads data.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a loop over os.walk that only prints the paths is other; one that reads the files is data loading', () => {
  assertPhases('walk.py', [
    'import os',
    'import pandas as pd',
    ["for dirname, _, filenames in os.walk('/kaggle/input'):", ['other']],
    '    for filename in filenames:',
    '        print(os.path.join(dirname, filename))',
    'frames = []',
    ["for dirname, _, filenames in os.walk('data'):", ['data_loading']],
    '    for filename in filenames:',
    '        frames.append(pd.read_csv(os.path.join(dirname, filename)))',
  ]);
});

test('a directory listing shown as it is (printed, counted) looks at the data set; one kept in a name loads it', () => {
  assertPhases('listing-shown.py', [
    'import os',
    "DATA_DIR = 'data'",
    ['print(os.listdir(DATA_DIR))', ['data_exploration']],
    ["print(len(os.listdir(os.path.join(DATA_DIR, 'cats'))))", ['data_exploration']],
    ["files = os.listdir(DATA_DIR)", ['data_loading']],
  ]);
});
