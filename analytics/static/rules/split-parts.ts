/**
 * Parts of a split (issue 13, "dealing with imbalanced datasets" kernels). The parts a splitting loop cuts
 * (`for tr, te in skf.split(X, y): original_Xtrain, original_Xtest = X.iloc[tr], X.iloc[te]`) are made by the split,
 * whatever they were cut from: their origin becomes data_splitting (read by rules/loaded-arrays.ts when they are made
 * arrays, and by the joins below). Parts of a split put side by side again (`train = pd.concat([X_train, y_train],
 * axis=1)`, the start of a manual under-sampling) go on with the split, they clean nothing. Pure functions of the IR
 * and of the names' origins (labeller/statement.ts keeps them).
 */
import type { Stmt } from '../ir.js';
import type { Phase } from '../phases.js';
import type { Signal } from '../labeller/model.js';

/** The names a `for` loop binds by plain assignments directly in its body (only the loop's own statements are read). */
export function boundInLoopBody(st: Stmt['s']): string[] {
  if (st.k !== 'block' || st.kind !== 'for') return [];
  const names: string[] = [];
  for (const b of st.body) {
    if (b.s.k !== 'assign' || b.s.op !== null) continue;
    for (const t of b.s.targets) {
      if (t.k === 'name') names.push(t.id);
      else if (t.k === 'seq') for (const x of t.items) if (x.k === 'name') names.push(x.id);
    }
  }
  return names;
}

/** evidence of a concatenation read as cleaning (tables put together) or as a feature table (rules/feature-sources.ts) */
const CONCAT_EV_RE = /^pandas\.concat\b.* -> (data_cleaning|feature_engineering)$/;

/**
 * `train = pd.concat([X_train, y_train], axis=1)` with every part made by a split: the concatenation's signals become
 * data_splitting. Returns whether it changed them.
 */
export function relabelSplitJoin(st: Stmt['s'], sigs: Signal[], madeIn: (name: string) => Phase | null): boolean {
  const e = st.k === 'assign' && st.op === null ? st.value : st.k === 'expr' ? st.e : null;
  if (!e || e.k !== 'call' || (e.fn.k === 'attr' ? e.fn.attr : e.fn.k === 'name' ? e.fn.id : '') !== 'concat') return false;
  const parts = e.args[0];
  if (!parts || parts.k !== 'seq' || parts.items.length < 2 || !parts.items.every((p) => p.k === 'name' && madeIn(p.id) === 'data_splitting')) return false;
  if (!sigs.some((x) => CONCAT_EV_RE.test(x.ev)) || !sigs.every((x) => CONCAT_EV_RE.test(x.ev) || x.phase === 'other')) return false;
  sigs.splice(0, sigs.length, { phase: 'data_splitting', w: 1, ev: 'pandas.concat (of the parts of a split) -> data_splitting', src: 'shape' });
  return true;
}
