import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatReport, scoreCorpus } from './corpus.js';

test('labelled corpus: precision and recall >= 0.90 for every phase', () => {
  const r = scoreCorpus();
  console.log(formatReport(r));
  if (process.env.LABTRACE_CORPUS_VERBOSE) for (const m of r.mismatches) console.log(`  ${m.file} cell=${m.cell} line=${m.line}: expected ${m.expected.join(',')} got ${m.got.join(',')}  [${m.evidence.join('; ')}]`);
  assert.deepEqual(r.problems, [], 'corpus labels must sit on statement starts and cover every top-level statement');
  assert.ok(r.files >= 40, `corpus has ${r.files} files, expected at least 40`);
  for (const s of r.scores) {
    if (s.tp + s.fn === 0) assert.fail(`phase ${s.phase} has no labelled example`);
    assert.ok(s.precision >= 0.9, `${s.phase}: precision ${s.precision.toFixed(3)} < 0.90`);
    assert.ok(s.recall >= 0.9, `${s.phase}: recall ${s.recall.toFixed(3)} < 0.90`);
  }
});
