/**
 * Lists filled while loading, made arrays of themselves (issue 13): `X_train = np.array(X_train)` after a loop that
 * appended images read from disk finishes the loading (corpus README: what continues a loading is data_loading), it
 * selects no features even though the name says X. Decided by the origin of the name before the statement (the
 * phase of the loop that filled it, labeller/statement.ts) and by the IR, not by names.
 */
import type { Stmt } from '../ir.js';
import type { Signal } from '../labeller/model.js';

const ARRAY_FNS = new Set(['array', 'asarray', 'stack', 'vstack', 'concatenate']);

/** `x = np.array(x)` / `x = np.asarray(x, dtype='float32')`: the name made an array of itself (nothing else); else null */
export function arrayOfItself(st: Stmt['s']): string | null {
  if (st.k !== 'assign' || st.op !== null || st.targets.length !== 1 || !st.value) return null;
  const t = st.targets[0]!;
  const v = st.value;
  if (t.k !== 'name' || v.k !== 'call' || v.fn.k !== 'attr' || v.fn.obj.k !== 'name' || !ARRAY_FNS.has(v.fn.attr)) return null;
  if (v.args.length !== 1 || v.splat.length > 0 || !v.kw.every(([k]) => k === 'dtype')) return null;
  const a = v.args[0]!;
  return a.k === 'name' && a.id === t.id ? t.id : null;
}

/** evidence that only names the values (X, y) a selection of features: what the name says, not what the code does */
const NAMED_SELECTION_EV_RE = /^shape: features\/target .* selected -> feature_engineering$/;

/**
 * The signals of `x = np.array(x)` when x was filled by a loading loop: the loading continued, in place of a
 * selection told only by the name. Other evidence (a library call that transforms) is kept as it is.
 */
export function relabelLoadedArray(sigs: Signal[], name: string): boolean {
  if (sigs.length === 0 || !sigs.every((s) => NAMED_SELECTION_EV_RE.test(s.ev) || (s.src === 'kb' && s.phase === 'other'))) return false;
  sigs.splice(0, sigs.length, { phase: 'data_loading', w: 0.8, ev: `def-use: ${name} loaded into lists, made an array -> data_loading`, src: 'name' });
  return true;
}
