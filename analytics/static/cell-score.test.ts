import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coarseReport, scoreNotebook } from './cell-score.js';
import { readLabels } from './corpus.js';
import { analyzeSource } from './index.js';

const cell = (src: string): { cell_type: string; source: string } => ({ cell_type: 'code', source: src });

test('per-cell coarse classes: union of statement classes, P and R per notebook, other/persistence not counted', () => {
  const nb = {
    nbformat: 4,
    cells: [
      { cell_type: 'markdown', source: '# t' },
      cell('import pandas as pd  # phase: setup\nimport warnings  # phase: setup\n'),
      cell('df = pd.read_csv("a.csv")  # phase: data_loading\ndf.head()  # phase: data_exploration\n'),
      cell('import joblib  # phase: setup\n'),
      cell('joblib.dump(df, "x.pkl")  # phase: model_persistence\n'),
    ],
  };
  const text = JSON.stringify(nb);
  const a = analyzeSource(text, 'n.ipynb');
  const s = scoreNotebook('n.ipynb', text, a, readLabels('n.ipynb', text));
  const byCell = new Map(s.cells.map((c) => [c.cell, c]));
  assert.deepEqual(byCell.get('1')!.truth, ['Library Loading']);
  assert.deepEqual(byCell.get('2')!.truth, ['Data Preparation']);
  assert.deepEqual(byCell.get('4')!.truth, []);
  assert.equal(s.truth, 3);
  assert.equal(s.precision, s.correct / s.predicted);
  assert.equal(s.recall, s.correct / 3);
  // a wrong extra class on a cell costs precision, a missing one recall
  const fake = { ...a, statements: a.statements.map((x) => (x.cell === 2 && x.start_line === 2 ? { ...x, phases: ['visualization' as const] } : x)) };
  const f = scoreNotebook('n.ipynb', text, fake, readLabels('n.ipynb', text));
  assert.ok(f.precision < 1);
  assert.equal(f.recall, s.recall);
  const r = coarseReport([s, f]);
  assert.equal(r.precision, (s.precision + f.precision) / 2);
});

test('scripts: paragraphs are cells', () => {
  const src = 'import numpy as np  # phase: setup\nimport pandas as pd  # phase: setup\n\ndf = pd.read_csv("a")  # phase: data_loading\ndf.info()  # phase: data_exploration\n';
  const a = analyzeSource(src, 's.py');
  const s = scoreNotebook('s.py', src, a, readLabels('s.py', src));
  assert.equal(s.cells.length, 2);
  assert.deepEqual(s.cells.map((c) => c.truth), [['Library Loading'], ['Data Preparation']]);
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 1);
});
