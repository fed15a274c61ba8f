/**
 * compound-blocks.ts: module-level if/else, for and with bodies analysed statement by statement (issue 11,
 * make demo's error), and the timeline's units, in which an if/with/try block is cut into its statements.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockUnits, flattenCompounds } from './compound-blocks.js';
import type { StaticStatement } from './run-analyzer.js';
import type { LabelledStatement } from './timeline.js';

const stmt = (start: number, end: number): StaticStatement => ({ start_line: start, end_line: end, phases: ['other'], evidence: [], confidence: 0 });

test('headers blanked, bodies dedented, line numbers kept; simple statements untouched', () => {
  const src = ['x = 1', 'if x:', '    a = 2', '    if a:', '        b = 3', 'else:  # plain', '\ta = 4', 'for i in range(3):', '    s = i', 'print(a)'].join('\n');
  const flat = flattenCompounds(src, [stmt(1, 1), stmt(2, 7), stmt(8, 9), stmt(10, 10)]);
  assert.ok(flat);
  assert.deepEqual(flat.text.split('\n'), ['x = 1', '', 'a = 2', 'if a:', '    b = 3', '', 'a = 4', '', 's = i', 'print(a)']);
  assert.deepEqual(flat.compounds.map((c) => c.start_line), [2, 8]);
});

test('a compound statement whose body cannot be dedented (multi-line string, multi-line header) is left whole', () => {
  const src = ['if True:', '    t = """', 'text at column 0', '"""', 'with open(', '        "f") as f:', '    d = f.read()'].join('\n');
  assert.equal(flattenCompounds(src, [stmt(1, 4), stmt(5, 7)]), null);
});

const F = '/p/train.py';
const unit = (startLine: number, endLine: number, phase: string): LabelledStatement => ({ file: F, startLine, endLine, phase });
const labelled = (start: number, end: number, phase: string): StaticStatement => ({ start_line: start, end_line: end, phases: [phase], evidence: [], confidence: 0.9 });

test('an if/else block is cut into its header, clause lines and body statements, each with its own phase; a loop stays whole', () => {
  const src = ['import pandas as pd', 'if HAVE_SKLEARN:', '    df = pd.read_csv("d.csv")', '    model.fit(X, y)', '    for i in range(3):', '        step(i)',
    'elif OTHER:', '    score = evaluate(model)', 'else:', '    pass', 'for e in range(2):', '    train(e)'].join('\n');
  const top = [labelled(1, 1, 'setup'), labelled(2, 10, 'data_loading'), labelled(11, 12, 'model_training')];
  const flat = flattenCompounds(src, top);
  assert.ok(flat);
  // what the analysis of the flattened text says (the inner loop is one statement of it)
  const flatStatements = [labelled(1, 1, 'setup'), labelled(3, 3, 'data_loading'), labelled(4, 4, 'model_training'), labelled(5, 6, 'model_training'),
    labelled(6, 6, 'model_training'), labelled(8, 8, 'model_evaluation'), labelled(10, 10, 'other'), labelled(12, 12, 'model_training')];
  const units = blockUnits(src, [unit(1, 1, 'setup'), unit(2, 10, 'data_loading'), unit(11, 12, 'model_training')], flat, flatStatements);
  assert.deepEqual(units.map((u) => [u.startLine, u.endLine, u.phase]).sort((a, b) => (a[0] as number) - (b[0] as number)), [
    [1, 1, 'setup'], [2, 2, 'data_loading'], [3, 3, 'data_loading'], [4, 4, 'model_training'], [5, 6, 'model_training'],
    [7, 7, 'data_loading'], [8, 8, 'model_evaluation'], [9, 9, 'data_loading'], [10, 10, 'other'], [11, 12, 'model_training']]);
});

test('nothing flattened, or a flattened text that did not analyse: the top-level statements unchanged', () => {
  const units = [unit(1, 1, 'setup'), unit(2, 3, 'data_loading')];
  assert.deepEqual(blockUnits('x = 1\nif x:\n    y = 2', units, null, []), units);
  const src = 'x = 1\nif x:\n    y = 2';
  assert.deepEqual(blockUnits(src, units, flattenCompounds(src, [labelled(1, 1, 'setup'), labelled(2, 3, 'data_loading')]), []), units);
});
