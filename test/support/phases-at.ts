import assert from 'node:assert/strict';
import { analyzeSource, type FileAnalysis, type Phase } from '../../analytics/static/index.js';

/** The phases of the statement starting at `line` (in notebook cell `cell`, or a script's: null). */
export function phasesAt(a: FileAnalysis, line: number, cell: number | null = null): Phase[] {
  const s = a.statements.find((x) => x.start_line === line && x.cell === cell);
  assert.ok(s, `no statement at line ${line} cell ${cell}`);
  return s.phases;
}

/** What the statement starting on a snippet line must be labelled: exactly these phases, or anything but them. */
export type PhaseExpectation = readonly Phase[] | { readonly not: readonly Phase[] };

/**
 * One line of a snippet: its code, or its code with the expected phases of the statement starting on it
 * (and the assertion's message when the reason is worth saying).
 */
export type SnippetLine = string | readonly [code: string, expected: PhaseExpectation, why?: string];

/**
 * Analyses the snippet as script `file` and asserts the phases of every statement whose line carries an
 * expectation (deep equality, or deep inequality for `{ not }`). Returns the analysis for further checks.
 */
export function assertPhases(file: string, lines: readonly SnippetLine[]): FileAnalysis {
  const code = lines.map((l) => (typeof l === 'string' ? l : l[0]));
  const a = analyzeSource(code.join('\n'), file);
  lines.forEach((l, i) => {
    if (typeof l === 'string') return;
    const [text, expected, why] = l;
    const actual = phasesAt(a, i + 1);
    const message = why ?? `line ${i + 1}: ${text.trim()}`;
    if ('not' in expected) assert.notDeepEqual(actual, expected.not, message);
    else assert.deepEqual(actual, expected, message);
  });
  return a;
}
