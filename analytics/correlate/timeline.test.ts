/** Timeline building: statement durations, loop bodies inside their statement, phase merging. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimelineBuilder, buildTimeline, type ExecutedStatement, type LabelledStatement, type PhaseInterval, type Timeline } from './timeline.js';

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

/** The straightforward formulation (one key string and one interval copy per event), kept as the reference. */
function referenceTimeline(labelled: readonly LabelledStatement[], executed: readonly ExecutedStatement[], endNs: number): Timeline {
  const find = (file: string, line: number): LabelledStatement | undefined => {
    let best: LabelledStatement | undefined;
    for (const s of labelled) if (s.file === file && s.startLine <= line && (!best || s.startLine > best.startLine)) best = s;
    return best && line <= best.endLine ? best : undefined;
  };
  const ordered = [...executed].sort((a, b) => a.t - b.t);
  const times = new Map<string, { s: LabelledStatement; first: number; total: number; n: number }>();
  const intervals: PhaseInterval[] = [];
  let previousKey: string | undefined;
  for (let i = 0; i < ordered.length; i++) {
    const e = ordered[i]!;
    const end = i + 1 < ordered.length ? ordered[i + 1]!.t : Math.max(endNs, e.t);
    const s = find(e.file, e.line) ?? { file: e.file, startLine: e.line, endLine: e.line, phase: 'other' };
    const key = `${s.file}:${s.startLine}`;
    const entry = times.get(key) ?? { s, first: e.t, total: 0, n: 0 };
    entry.total += end - e.t;
    if (key !== previousKey) entry.n++;
    times.set(key, entry);
    previousKey = key;
    const last = intervals[intervals.length - 1];
    if (last && last.phase === s.phase && last.file === s.file) {
      intervals[intervals.length - 1] = { ...last, endNs: end, lastLine: Math.max(last.lastLine, s.endLine), firstLine: Math.min(last.firstLine, s.startLine) };
    } else {
      intervals.push({ phase: s.phase, startNs: e.t, endNs: end, firstLine: s.startLine, lastLine: s.endLine, file: s.file });
    }
  }
  const statements = [...times.values()]
    .map(({ s, first, total, n }) => ({ file: s.file, startLine: s.startLine, endLine: s.endLine, phase: s.phase, firstStart: first, totalNs: total, executions: n }))
    .sort((a, b) => a.firstStart - b.firstStart);
  return { statements, intervals };
}

test('same timeline as the reference formulation: random runs over two files, ordered or not, ties in time', () => {
  const G = '/p/helpers.py';
  const all: LabelledStatement[] = [...labelled, { file: G, startLine: 2, endLine: 5, phase: 'data_loading' }, { file: G, startLine: 7, endLine: 7, phase: 'setup' }];
  let seed = 7;
  const next = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let run = 0; run < 200; run++) {
    const n = Math.floor(next() * 60);
    let t = 0;
    const executed: ExecutedStatement[] = [];
    for (let i = 0; i < n; i++) {
      t += Math.floor(next() * 4); // 0: two statements at the same time
      executed.push({ file: next() < 0.8 ? F : G, line: 1 + Math.floor(next() * 12), t });
    }
    if (run % 3 === 0) executed.reverse();
    const endNs = t + Math.floor(next() * 10) - 3;
    assert.deepEqual(buildTimeline(all, executed, endNs), referenceTimeline(all, executed, endNs), `run ${run}`);
  }
});

test('work inside a statement: a one-phase user function and the library calls of a user function say the phase; statement times unchanged', () => {
  const G = '/p/run.py';
  const b = new TimelineBuilder([{ file: G, startLine: 1, endLine: 1, phase: 'setup' }, { file: G, startLine: 9, endLine: 9, phase: 'data_loading' }]);
  b.add(G, 1, 0);
  b.add(G, 9, 10); // main(): a function of several phases, labelled by its first
  b.enter(undefined, 12); // main's own code: no phase of its own
  b.enterLibraryCall('data_loading', 13, 20); // pd.read_csv from main
  b.enter('model_training', 25); // train(X, y): one phase
  b.enterLibraryCall('model_training', 26, 60); // model.fit inside it: same phase
  b.leave(70);
  b.enterLibraryCall('model_evaluation', 75, 90); // accuracy_score from main
  b.leave(95); // main returns
  b.add(G, 20, 100); // an unlabelled line: other
  b.enterLibraryCall('prediction', 101, 105); // at module level: the statement's label stands
  const t = b.finish(110);
  assert.deepEqual(t.intervals.map((i) => [i.phase, i.startNs, i.endNs]), [
    ['setup', 0, 10], ['data_loading', 10, 25], ['model_training', 25, 70], ['data_loading', 70, 75], ['model_evaluation', 75, 90],
    ['data_loading', 90, 100], ['other', 100, 110],
  ]);
  assert.deepEqual(t.statements.map((s) => [s.startLine, s.totalNs]), [[1, 10], [9, 90], [20, 10]]);
  const sum = t.intervals.reduce((a, i) => a + i.endNs - i.startNs, 0);
  assert.equal(sum, 110, 'intervals cover the run without gaps or overlaps');
});

test('a call that never returns before the next module-level statement ends there', () => {
  const G = '/p/run.py';
  const b = new TimelineBuilder([{ file: G, startLine: 1, endLine: 1, phase: 'setup' }, { file: G, startLine: 2, endLine: 2, phase: 'model_evaluation' }]);
  b.add(G, 1, 0);
  b.enter('model_training', 5);
  b.add(G, 2, 10); // the module frame runs again: the call is over
  b.leave(12); // (a return never matched: ignored)
  assert.deepEqual(b.finish(20).intervals.map((i) => [i.phase, i.startNs, i.endNs]), [['setup', 0, 5], ['model_training', 5, 10], ['model_evaluation', 10, 20]]);
});
