/**
 * `make score-phases`: per-phase (per statement) and coarse-class (per cell, mean over files) precision and
 * recall of the analyser on the labelled corpus, for the tuning split and the held-out split (the files
 * listed in test/corpus/phases/HELDOUT) separately.
 *   node build/analytics/static/score-phases.js [--cells] [--mismatches]
 *     --cells        prints every cell whose predicted classes differ from its true classes
 *     --mismatches   prints every statement whose phases differ from its label
 *     --split tuning|heldout   only that split
 */
import { pathToFileURL } from 'node:url';
import { coarseReport, formatCoarse } from './cell-score.js';
import { corpusDir, corpusFiles, formatReport, heldOutFiles, scoreCorpus } from './corpus.js';

export function scorePhases(argv: readonly string[]): string {
  const dir = corpusDir();
  const held = heldOutFiles(dir);
  const all = corpusFiles(dir);
  const missing = [...held].filter((f) => !all.includes(f));
  if (missing.length) throw new Error(`HELDOUT lists files not in the corpus: ${missing.join(', ')}`);
  const splitArg = argv.includes('--split') ? argv[argv.indexOf('--split') + 1] : null;
  const splits: [string, string[]][] = [
    ['tuning', all.filter((f) => !held.has(f))],
    ['held-out', all.filter((f) => held.has(f))],
  ];
  const out: string[] = [];
  for (const [name, files] of splits) {
    if (splitArg && !name.startsWith(splitArg.slice(0, 4))) continue;
    const r = scoreCorpus(dir, files);
    out.push(`== ${name} split ==`);
    out.push(formatReport(r));
    out.push(formatCoarse(`${name} cells`, coarseReport(r.notebooks)));
    if (argv.includes('--cells'))
      for (const nb of r.notebooks)
        for (const c of nb.cells)
          if (c.truth.slice().sort().join() !== c.predicted.slice().sort().join())
            out.push(`  ${nb.file} ${c.cell}: true [${c.truth.join(', ')}] predicted [${c.predicted.join(', ')}]`);
    if (argv.includes('--mismatches'))
      for (const m of r.mismatches) out.push(`  ${m.file} cell=${m.cell} line=${m.line}: expected ${m.expected.join(',')} got ${m.got.join(',')}  [${m.evidence.join('; ')}]`);
    if (r.problems.length) out.push(`problems:\n  ${r.problems.join('\n  ')}`);
    out.push('');
  }
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(scorePhases(process.argv.slice(2)));
}
