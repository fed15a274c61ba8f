/**
 * Summaries of a model's results (issue 13): `incoming['predicted_product'].value_counts()` after the column was
 * filled with predictions, `profile['child_mort'].idxmax()` of a per-cluster profile made to evaluate the clustering,
 * `worst = per_breed.groupby('true')['correct'].mean()` of a frame of true and predicted classes: the same pandas
 * summaries that explore raw data here look at what a model produced, so they are model_evaluation, not
 * data_exploration. Only when every data value read comes from those phases.
 */
import type { StmtKind } from '../ir.js';
import type { Phase } from '../phases.js';
import type { Signal, Scope } from '../labeller/model.js';

const RESULT_PHASES: ReadonlySet<Phase> = new Set(['prediction', 'model_evaluation']);

/** names the statement binds (assignment targets that are plain names) */
function boundNames(st: StmtKind): string[] {
  return st.k === 'assign' ? st.targets.flatMap((t) => (t.k === 'name' ? [t.id] : [])) : [];
}

/**
 * After a top-level statement: exploration signals over values that are only a model's results become the phase of
 * those results; the names it binds take that phase too. `reads`: the names the statement read.
 */
export function relabelResultSummaries(st: StmtKind, sigs: Signal[], reads: ReadonlySet<string>, scope: Scope): void {
  if (sigs.length === 0 || !sigs.every((x) => x.phase === 'data_exploration')) return;
  const bound = new Set(boundNames(st));
  const origins: Phase[] = [];
  for (const n of reads) {
    const v = bound.has(n) ? undefined : scope.get(n);
    if (!v || v.mod || v.fn || v.ucls || v.taint === 0) continue;
    origins.push(v.origin ?? 'data_exploration');
  }
  if (origins.length === 0 || !origins.every((p) => RESULT_PHASES.has(p))) return;
  // (a summary of predictions looks at what the model does: evaluation, like a profile of the clusters it found)
  const phase: Phase = 'model_evaluation';
  for (const x of sigs) Object.assign(x, { phase, ev: `${x.ev.replace(/ -> \w+$/, '')} (of a model's results) -> ${phase}` });
  for (const n of bound) {
    const v = scope.get(n);
    if (v) scope.set(n, { ...v, origin: phase });
  }
}
