/**
 * Values made arrays of themselves (issue 13): `X_train = np.array(X_train)` after a loop that appended images read from
 * disk finishes the loading (corpus README: what continues a loading is data_loading), it selects no features even though
 * the name says X; `X_train = X_train.values` / `original_ytest = original_ytest.to_numpy()` right after a split (the
 * "dealing with imbalanced datasets" kernels turn every part of a StratifiedKFold split into arrays) go on making the
 * split: data_splitting. Decided by the origin of the name before the statement (the phase of the loop or the statement
 * that made it, labeller/statement.ts) and by the IR, not by names.
 */
import type { Stmt } from '../ir.js';
import type { Phase } from '../phases.js';
import type { Signal } from '../labeller/model.js';

const ARRAY_FNS = new Set(['array', 'asarray', 'stack', 'vstack', 'concatenate']);

/** the phases an array made of a name goes on with: what loaded or split it */
const CONTINUED: ReadonlySet<Phase> = new Set<Phase>(['data_loading', 'data_splitting']);

/** The phase `x = np.array(x)` continues when x was loaded or split before (the origin of x), else null. */
export function continuedByArray(origin: Phase | null | undefined): Phase | null {
  return origin && CONTINUED.has(origin) ? origin : null;
}

/**
 * `x = np.array(x)` / `x = np.asarray(x, dtype='float32')` / `x = x.values` / `x = x.to_numpy()`: the name made an
 * array of itself (nothing else); else null
 */
export function arrayOfItself(st: Stmt['s']): string | null {
  if (st.k !== 'assign' || st.op !== null || st.targets.length !== 1 || !st.value) return null;
  const t = st.targets[0]!;
  const v = st.value;
  if (t.k === 'name' && v.k === 'attr' && v.attr === 'values' && v.obj.k === 'name' && v.obj.id === t.id) return t.id;
  if (t.k === 'name' && v.k === 'call' && v.fn.k === 'attr' && v.fn.attr === 'to_numpy' && v.args.length === 0 && v.kw.length === 0 && v.fn.obj.k === 'name' && v.fn.obj.id === t.id) return t.id;
  if (t.k !== 'name' || v.k !== 'call' || v.fn.k !== 'attr' || v.fn.obj.k !== 'name' || !ARRAY_FNS.has(v.fn.attr)) return null;
  if (v.args.length !== 1 || v.splat.length > 0 || !v.kw.every(([k]) => k === 'dtype')) return null;
  const a = v.args[0]!;
  return a.k === 'name' && a.id === t.id ? t.id : null;
}

/** evidence that only names the values (X, y) a selection of features: what the name says, not what the code does */
const NAMED_SELECTION_EV_RE = /^shape: features\/target .* selected -> feature_engineering$/;
/** evidence of `x = x.to_numpy()` read as a reshaping of x by itself (labeller/assign.ts): a conversion, no reshaping */
const SELF_CONVERSION_EV_RE = /^shape: \w+ reshaped from itself \(to_numpy\) -> feature_engineering$/;

/**
 * The signals of `x = np.array(x)` when x was filled by a loading loop (or made by a split): the loading (the split)
 * continued, in place of a selection told only by the name. Other evidence (a library call that transforms) is kept
 * as it is; `x = x.values` has none, and takes its next reader's phase unless the origin speaks first.
 */
export function relabelLoadedArray(sigs: Signal[], name: string, phase: Phase): boolean {
  if (sigs.length === 0 && phase === 'data_loading') return false;
  if (!sigs.every((s) => NAMED_SELECTION_EV_RE.test(s.ev) || SELF_CONVERSION_EV_RE.test(s.ev) || (s.src === 'kb' && s.phase === 'other'))) return false;
  const how = phase === 'data_loading' ? 'loaded into lists' : 'made by a split';
  sigs.splice(0, sigs.length, { phase, w: 0.8, ev: `def-use: ${name} ${how}, made an array -> ${phase}`, src: 'name' });
  return true;
}
