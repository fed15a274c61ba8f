/** Timeline building: statement durations, loop bodies inside their statement, phase merging. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTimeline, type LabelledStatement } from './timeline.js';

const F = '/p/train.py';
const labelled: LabelledStatement[] = [
  { file: F, startLine: 1, endLine: 1, phase: 'setup' },
  { file: F, startLine: 3, endLine: 3, phase: 'data_loading' },
  { file: F, startLine: 4, endLine: 4, phase: 'data_loading' },
  { file: F, startLine: 6, endLine: 8, phase: 'model_training' }, // a for loop with its body
  { file: F, startLine: 10, endLine: 10, phase: 'model_evaluation' },
];

test('statements last until the next one; same-phase neighbours merge', () => {
  const t = buildTimeline(labelled, [
    { file: F, line: 1, t: 0 },
    { file: F, line: 3, t: 10 },
    { file: F, line: 4, t: 30 },
    { file: F, line: 6, t: 100 },
    { file: F, line: 7, t: 101 }, // loop body line: inside the for statement
    { file: F, line: 10, t: 400 },
  ], 450);
  assert.deepEqual(t.intervals.map((i) => [i.phase, i.startNs, i.endNs]), [
    ['setup', 0, 10], ['data_loading', 10, 100], ['model_training', 100, 400], ['model_evaluation', 400, 450],
  ]);
  const loop = t.statements.find((s) => s.startLine === 6)!;
  assert.equal(loop.totalNs, 300);
  assert.equal(loop.executions, 1);
  const sum = t.intervals.reduce((a, i) => a + i.endNs - i.startNs, 0);
  assert.equal(sum, 450, 'intervals cover the run without gaps or overlaps');
});

test('unlabelled lines count as other, events out of order are sorted', () => {
  const t = buildTimeline(labelled, [{ file: F, line: 20, t: 5 }, { file: F, line: 1, t: 0 }], 9);
  assert.deepEqual(t.intervals.map((i) => [i.phase, i.startNs, i.endNs]), [['setup', 0, 5], ['other', 5, 9]]);
});
