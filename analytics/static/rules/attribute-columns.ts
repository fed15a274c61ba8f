/**
 * Columns written through their attribute (issue 13): `train.Fare = np.log1p(train.Fare)` sets the existing column as
 * `train['Fare'] = ...` does, so the rules of subscripted column targets label it (labeller/targets.ts, via
 * labeller/assign.ts); attributes of a frame that are not columns (`df.columns = [...]`, `df.index`) are left to theirs.
 */
import type { Expr } from '../ir.js';
import type { Ctx, Val } from '../labeller/model.js';
import { T_MODEL } from '../labeller/values.js';
import { mentions } from '../labeller/expr-utils.js';

/** attributes of a frame that are not its columns */
const FRAME_PROPERTIES = /^(columns|index|name|names|attrs|flags|dtypes|shape|values|T|loc|iloc|at|iat|str|dt|cat|plot|style|axes)$/;

/**
 * train.Fare = np.log1p(train.Fare): pandas writes the existing column through its attribute, as train['Fare'] = ...;
 * the column as a subscript target (null for other attributes), its name counted as read when the value reads it
 */
export function attributeColumn(t: Extract<Expr, { k: 'attr' }>, base: Val, value: Expr | null, ctx: Ctx): Extract<Expr, { k: 'sub' }> | null {
  if (base.t !== 'pandas.DataFrame' || base.mod || base.inst || base.taint & T_MODEL || FRAME_PROPERTIES.test(t.attr)) return null;
  if (value && mentions(value, new RegExp(`^${t.attr}$`))) ctx.strings.add(t.attr);
  return { k: 'sub', obj: t.obj, idx: [{ k: 'str', v: t.attr, parts: [] }] };
}
