/**
 * Consolidation of a function's body with the function (issue 13, per-cell classes).
 *
 * A statement inside a function or method body is a step of what that function does: `torch.flatten(x, 1)` in a
 * network's forward() is part of the model, `kf = KFold(...)` inside an rmsle_cv() helper is part of evaluating,
 * `df = df.copy()` at the top of add_time_features() part of deriving features, an `import` inside a plotting helper
 * part of the plot. The def statement already carries the function's phases (its summary, finish.ts); a body
 * statement keeps its own phases only where they fall in the function's coarse groups (a prediction step inside an
 * evaluation helper stays prediction) and takes the function's phases otherwise. Methods are consolidated with their
 * class the same way (a Dataset's __init__ that builds tensors is part of loading data). Phases outside the coarse
 * groups (model_persistence: a save inside a training helper) are kept; `other` takes the function's phases.
 */
import type { Phase } from '../phases.js';
import type { Rec, UserFn } from './model.js';

type Final = NonNullable<Rec['final']>;

/** The coarse group of a phase (the classes of the notebook benchmarks); null: kept as it is. */
const GROUP: Record<Phase, string | null> = {
  setup: 'libraries',
  data_loading: 'data',
  data_exploration: 'data',
  data_cleaning: 'data',
  data_splitting: 'data',
  feature_engineering: 'features',
  model_training: 'model',
  hyperparameter_tuning: 'model',
  model_evaluation: 'model',
  prediction: 'model',
  visualization: 'visualization',
  model_persistence: null,
  other: 'other',
};

/**
 * The phases of a body statement (`own`) given its owner's (`owner`, named `name`): null when they stay as they are.
 * Pure: exported for the unit test.
 */
export function consolidatedFinal(own: Final, owner: Final, name: string): Final | null {
  const groups = new Set(owner.phases.map((p) => GROUP[p]));
  if (groups.has('other') || owner.phases.length === 0) return null;
  const kept = own.phases.filter((p) => GROUP[p] === null || groups.has(GROUP[p]));
  if (kept.length === own.phases.length) return null;
  const phases = kept.some((p) => GROUP[p] !== null) ? kept : [...owner.phases, ...kept];
  const evidence = own.evidence.filter((e) => phases.some((p) => e.endsWith(`-> ${p}`)));
  for (const p of phases) if (!evidence.some((e) => e.endsWith(`-> ${p}`))) evidence.push(`a step of ${name}() -> ${p}`);
  return { phases, evidence: evidence.slice(0, 5), confidence: Math.min(own.confidence, owner.confidence) };
}

function apply(r: Rec, owner: Final, name: string): void {
  if (!r.final) return;
  const f = consolidatedFinal(r.final, owner, name);
  if (!f) return;
  // a new object: finals may be shared with a statement memo
  r.final = f;
  r.sharedFinal = false;
}

/**
 * Consolidates every function body with its def statement, and every method's def with its class statement.
 * `classRecs`: the class statements; `fns`: every user function of the file. Finals must be computed.
 */
export function consolidateBodies(fns: readonly UserFn[], classRecs: readonly Rec[]): void {
  const classFinal = new Map<string, Final>();
  for (const r of classRecs) if (r.isClass && r.final) classFinal.set(r.isClass.key, r.final);
  // outer functions first: a nested def is consolidated with its owner before its own body is
  const ordered = fns.filter((uf) => !uf.external).sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.start - b.start || b.end - a.end);
  for (const uf of ordered) {
    const def = uf.defRec;
    if (!def?.final) continue;
    const cf = uf.cls ? classFinal.get(uf.cls.key) : undefined;
    if (cf) apply(def, cf, uf.cls!.name);
    for (const r of uf.records) if (r !== def) apply(r, def.final, uf.name);
  }
}
