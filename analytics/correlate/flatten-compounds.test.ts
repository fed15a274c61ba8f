/** flattenCompounds: module-level if/else, for and with bodies analysed statement by statement (issue 11, make demo's error). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenCompounds, type StaticStatement } from './run-analyzer.js';

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
