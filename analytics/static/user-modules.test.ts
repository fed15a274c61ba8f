/**
 * Calls into the user's own modules (modules.ts): a function imported from a module next to the analysed
 * file carries the phases of its body, through `from m import f`, `import pkg.mod as m`, `from pkg import mod`,
 * `from m import *`, a parent directory (notebooks/ next to the modules), across a cycle, and a cached analysis
 * is redone when an imported module changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisCache, analyzeFile, analyzeSource } from './index.js';
import { phasesAt } from '../../test/support/phases-at.js';

const UTILS = `import matplotlib.pyplot as plt
import pandas as pd


def hist_of(frame, col):
    plt.figure(figsize=(8, 4))
    plt.hist(frame[col], bins=30)
    plt.title(col)
    plt.show()


def recode(frame):
    return pd.get_dummies(frame, columns=['city'])
`;

const MODELLING = `from sklearn.ensemble import RandomForestClassifier


def run(X, y):
    forest = RandomForestClassifier(n_estimators=100)
    forest.fit(X, y)
    return forest


class Runner:
    def go(self, X, y):
        return run(X, y)
`;

const CYC_A = `import cyc_b


def go(frame):
    return cyc_b.look(frame)
`;

const CYC_B = `import cyc_a


def look(frame):
    frame.describe()
    return frame.isnull().sum()


def loop(frame):
    return cyc_a.go(frame)
`;

const MAIN = `import pandas as pd
from utils import hist_of, recode
import helpers.modelling as hm
from helpers import modelling
from helpers.modelling import Runner
import cyc_a
df = pd.read_csv('d.csv')
hist_of(df, 'age')
out = recode(df)
m1 = hm.run(out, df['y'])
m2 = modelling.run(out, df['y'])
m3 = Runner().go(out, df['y'])
summary = cyc_a.go(df)
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-modules-'));
  writeFileSync(join(dir, 'utils.py'), UTILS);
  mkdirSync(join(dir, 'helpers'));
  writeFileSync(join(dir, 'helpers', '__init__.py'), '');
  writeFileSync(join(dir, 'helpers', 'modelling.py'), MODELLING);
  writeFileSync(join(dir, 'cyc_a.py'), CYC_A);
  writeFileSync(join(dir, 'cyc_b.py'), CYC_B);
  writeFileSync(join(dir, 'main.py'), MAIN);
  mkdirSync(join(dir, 'notebooks'));
  return dir;
}

test("calls to functions of the user's modules take the phases of their bodies", async () => {
  const dir = project();
  try {
    const a = await analyzeFile(join(dir, 'main.py'));
    assert.deepEqual(phasesAt(a, 8), ['visualization'], 'hist_of(df) draws');
    assert.deepEqual(phasesAt(a, 9), ['feature_engineering'], 'recode(df) encodes');
    assert.deepEqual(phasesAt(a, 10), ['model_training'], 'hm.run trains (import pkg.mod as m)');
    assert.deepEqual(phasesAt(a, 11), ['model_training'], 'modelling.run trains (from pkg import mod)');
    assert.deepEqual(phasesAt(a, 12), ['model_training'], 'a class of the module, its method calling a module function');
    assert.deepEqual(phasesAt(a, 13), ['data_exploration'], 'cyc_a.go → cyc_b.look, across an import cycle');
    assert.deepEqual(
      (a.detail?.modules ?? []).map((m) => m.path.slice(dir.length + 1)).sort(),
      ['cyc_a.py', 'cyc_b.py', 'helpers/__init__.py', 'helpers/modelling.py', 'utils.py'],
    );
    // the same source analysed without module resolution knows none of it
    const off = analyzeSource(MAIN, join(dir, 'main.py'), { modules: false });
    assert.notDeepEqual(phasesAt(off, 8), ['visualization']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('star imports and modules of a parent directory (a notebook in notebooks/) resolve too', () => {
  const dir = project();
  try {
    const nb = {
      cells: [
        { cell_type: 'code', source: ['import sys\n', "sys.path.append('..')\n", 'from utils import *\n'] },
        { cell_type: 'code', source: ["import pandas as pd\n", "df = pd.read_csv('d.csv')\n"] },
        { cell_type: 'code', source: ["hist_of(df, 'fare')\n"] },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const a = analyzeSource(JSON.stringify(nb), join(dir, 'notebooks', 'explore.ipynb'));
    assert.deepEqual(phasesAt(a, 1, 2), ['visualization']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a cached analysis is redone when a module it imports changes', async () => {
  const dir = project();
  const cache = new AnalysisCache();
  try {
    const before = await cache.analyzeFile(join(dir, 'main.py'));
    assert.deepEqual(phasesAt(before, 8), ['visualization']);
    assert.equal((await cache.analyzeFile(join(dir, 'main.py'))).statements, before.statements, 'unchanged: a cache hit');
    writeFileSync(join(dir, 'utils.py'), UTILS.replace(/def hist_of[\s\S]*?plt\.show\(\)\n/, "def hist_of(frame, col):\n    return frame.dropna(subset=[col])\n"));
    const after = await cache.analyzeFile(join(dir, 'main.py'));
    assert.deepEqual(phasesAt(after, 8), ['data_cleaning']);
    assert.equal(cache.stats().hits, 1);
  } finally {
    await cache.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
