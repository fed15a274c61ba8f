import assert from 'node:assert/strict';
import type { FileAnalysis, Phase } from '../../analytics/static/index.js';

/** The phases of the statement starting at `line` (in notebook cell `cell`, or a script's: null). */
export function phasesAt(a: FileAnalysis, line: number, cell: number | null = null): Phase[] {
  const s = a.statements.find((x) => x.start_line === line && x.cell === cell);
  assert.ok(s, `no statement at line ${line} cell ${cell}`);
  return s.phases;
}
