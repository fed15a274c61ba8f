import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coarseReport, formatCoarse } from './cell-score.js';
import { corpusFiles, formatReport, heldOutFiles, scoreCorpus } from './corpus.js';

// Floors are regression guards at the measured figures (issue 13's targets, 0.95 coarse and 0.90 per phase, are
// not all met yet: see `make score-phases`). Only the tuning split is asserted on; the held-out split is printed.
const COARSE_FLOOR = 0.96;
const PHASE_FLOOR = 0.7;
// `other` (housekeeping: constants, paths, del) is outside the coarse classes; with the 36 notebooks of the
// second batch its precision started at 0.58 (literal constants that the labels give a phase) and is 0.69 now.
// The third batch (10 files for the weak phases, issue 13) brought new misses (weight initialisations such as
// `params = [np.zeros(d)]` before a hand-written loop, result dicts filled by subscript): 0.63.
const OTHER_FLOOR = 0.62;

test('labelled corpus: per-phase and per-cell coarse precision and recall on the tuning split', () => {
  const held = heldOutFiles();
  const all = corpusFiles();
  assert.ok(all.length >= 150, `corpus has ${all.length} files, expected at least 150`);
  assert.ok(held.size * 5 >= all.length - 5 && [...held].every((f) => all.includes(f)), 'HELDOUT lists about a fifth of the corpus, all present');
  const r = scoreCorpus(undefined, all.filter((f) => !held.has(f)));
  const coarse = coarseReport(r.notebooks);
  console.log(formatReport(r));
  console.log(formatCoarse('tuning cells', coarse));
  if (process.env.LABTRACE_CORPUS_VERBOSE) for (const m of r.mismatches) console.log(`  ${m.file} cell=${m.cell} line=${m.line}: expected ${m.expected.join(',')} got ${m.got.join(',')}  [${m.evidence.join('; ')}]`);
  const h = scoreCorpus(undefined, [...held]);
  assert.deepEqual([...r.problems, ...h.problems], [], 'corpus labels must sit on statement starts and cover every top-level statement');
  console.log(formatCoarse('held-out cells', coarseReport(h.notebooks)));
  for (const s of r.scores) {
    if (s.tp + s.fn === 0) assert.fail(`phase ${s.phase} has no labelled example`);
    const floor = s.phase === 'other' ? OTHER_FLOOR : PHASE_FLOOR;
    assert.ok(s.precision >= floor, `${s.phase}: precision ${s.precision.toFixed(3)} < ${floor}`);
    assert.ok(s.recall >= PHASE_FLOOR, `${s.phase}: recall ${s.recall.toFixed(3)} < ${PHASE_FLOOR}`);
  }
  assert.ok(coarse.precision >= COARSE_FLOOR, `coarse precision ${coarse.precision.toFixed(3)} < ${COARSE_FLOOR}`);
  assert.ok(coarse.recall >= COARSE_FLOOR, `coarse recall ${coarse.recall.toFixed(3)} < ${COARSE_FLOOR}`);
});
