/**
 * A condition on one column kept in a name like a feature matrix (`x = data['Defense'] > 200`, then `data[x]`) is a
 * row mask, not the model's features: tutorial kernels call their masks x. Without a role of its own, the mask is a
 * guess that its first reader decides (rules/used-for.ts): `data[x]` shown is a look at the data, `df = df[x]` a
 * cleaning. A label (`y = df['quality'] > 6`) stays a target. Hooked in labeller/statement.ts for assignments.
 */
import type { Expr } from '../ir.js';
import type { Signal } from '../labeller/model.js';
import { FEATURE_RE, LABEL_RE } from '../labeller/names.js';

const NAMED_FEATURES_EV_RE = /^shape: features\/target .* selected -> feature_engineering$/;

/** `data['Defense'] > 200`, `df.age >= 18`: one column compared with a literal */
function isColumnCondition(e: Expr): boolean {
  if (e.k !== 'cmp' || e.items.length !== 2) return false;
  const [l, r] = e.items as [Expr, Expr];
  const column = l.k === 'attr' ? l.obj.k === 'name' : l.k === 'sub' && l.obj.k === 'name' && l.idx.length === 1 && l.idx[0]!.k === 'str';
  return column && (r.k === 'num' || (r.k === 'str' && r.parts.length === 0));
}

export function isNamedRowMask(targets: readonly Expr[], value: Expr): boolean {
  return targets.length === 1 && targets[0]!.k === 'name' && FEATURE_RE.test(targets[0]!.id) && !LABEL_RE.test(targets[0]!.id) && isColumnCondition(value);
}

/** The features guess gives way to a mask whose reader decides. */
export function keepAsRowMask(sigs: Signal[]): void {
  const i = sigs.findIndex((x) => NAMED_FEATURES_EV_RE.test(x.ev));
  if (i < 0) return;
  sigs.splice(i, 1, { phase: 'data_exploration', w: 0.6, ev: 'shape: a row mask kept in a name -> data_exploration', src: 'shape', provisional: true });
}
