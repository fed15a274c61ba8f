/**
 * Statistics computed inside a loop or helper body only for the next steps of that body (issue 13): the bounds of an
 * outlier rule per column (`for c in cols: q1 = df[c].quantile(0.25); ...; df = df[df[c] >= q1 - 1.5 * iqr]`), the
 * mean and std a column is clipped or scaled with (`m, s = df[c].mean(), df[c].std(); df[c] = df[c].clip(m - 3*s, ...)`),
 * the median a column is filled with. Alone each looks like exploration; in the body they serve the cleaning or the
 * features the body makes, so their exploration vote is dropped when a later body statement reads them (the top-level
 * counterpart is rules/clean-inputs.ts). Pure functions over the IR.
 */
import type { Stmt } from '../ir.js';
import { collectTargetNames, readsAnyName } from '../labeller/expr-utils.js';
import type { Signal } from '../labeller/model.js';
import { phaseWeights, SECONDARY_RATIO } from '../labeller/signals.js';

/** The names a body statement binds to a value computed from data (`q1 = ...`, `m, s = ...`), or null for others. */
export function boundNames(s: Stmt): Set<string> | null {
  if (s.s.k !== 'assign' || s.s.op !== null || !s.s.value) return null;
  const names: string[] = [];
  for (const t of s.s.targets) {
    if (t.k !== 'name' && t.k !== 'seq') return null;
    collectTargetNames(t, names);
  }
  return names.length > 0 ? new Set(names) : null;
}

/** Whether a statement reads one of `names` (in its value, its subscript targets, or the expression it evaluates). */
export function readsAny(s: Stmt, names: ReadonlySet<string>): boolean {
  switch (s.s.k) {
    case 'assign':
      return (s.s.value !== null && readsAnyName(s.s.value, names)) || s.s.targets.some((t) => t.k !== 'name' && t.k !== 'seq' && readsAnyName(t, names));
    case 'expr':
      return readsAnyName(s.s.e, names);
    case 'return':
      return s.s.e !== null && readsAnyName(s.s.e, names);
    default:
      return false;
  }
}

/**
 * The records of body statements that bind values read by a later body statement that cleans or makes features,
 * directly or through a chain (`q1` -> `iqr = q3 - q1` -> the row filter). `recAt[i]` is the record of `body[i]`.
 */
export function servingStatistics<R extends { sigs: Signal[] }>(body: readonly Stmt[], recAt: readonly (R | null)[]): Set<R> {
  const served = new Set<R>();
  const serving: boolean[] = body.map(() => false);
  for (let i = body.length - 1; i >= 0; i--) {
    const names = boundNames(body[i]!);
    if (!names) continue;
    for (let j = i + 1; j < body.length && !serving[i]; j++) {
      if (!readsAny(body[j]!, names)) continue;
      const rj = recAt[j];
      if (serving[j] || (rj && prepares(rj.sigs))) serving[i] = true;
    }
    const r = recAt[i];
    if (serving[i] && r) served.add(r);
  }
  return served;
}

/** the statement's phases include cleaning or making features */
function prepares(sigs: Signal[]): boolean {
  const w = phaseWeights(sigs);
  let top = 0;
  for (const x of w.values()) top = Math.max(top, x);
  return top > 0 && ((w.get('data_cleaning') ?? 0) >= top * SECONDARY_RATIO || (w.get('feature_engineering') ?? 0) >= top * SECONDARY_RATIO);
}
