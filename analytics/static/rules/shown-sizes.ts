/**
 * The size of a value shown while it is being made (issue 13): `print('unique tokens:', len(word_index))` after the
 * tokenizer is fitted, `print(len(vocab))` after the vocabulary is built, `len(param_grid)` next to a search, looks at
 * the work that made the value; it takes that value's phase, as `print(word_index)` already does. Sizes of data sets
 * stay data_exploration (labeller/call.ts sizeWithin) and counts of results model_evaluation (countsResults).
 */
import type { Expr } from '../ir.js';
import type { Phase } from '../phases.js';
import type { Scope, Val } from '../labeller/model.js';
import { T_METRIC } from '../labeller/values.js';
import { attrRoot } from '../labeller/expr-utils.js';
import { countsResults } from './truth-vs-predictions.js';

/** phases whose values' sizes are part of the work (data sets' sizes are looked at: data_exploration) */
const SIZED_WORK: ReadonlySet<Phase> = new Set<Phase>(['feature_engineering', 'model_training', 'hyperparameter_tuning', 'data_exploration']);

/** the phase of the value whose size `len(x)` somewhere in `e` (an f-string, a sum) shows, or null */
export function sizeShownOrigin(e: Expr, scope: Scope): Phase | null {
  switch (e.k) {
    case 'call': {
      if (e.fn.k === 'name' && e.fn.id === 'len' && e.args.length === 1) {
        const r = attrRoot(e.args[0]!);
        const v = r ? scope.get(r) : undefined;
        return v && !v.mod && v.origin && SIZED_WORK.has(v.origin) ? v.origin : null;
      }
      return null;
    }
    case 'str':
      return firstOf(e.parts, scope);
    case 'bin':
      return sizeShownOrigin(e.l, scope) ?? sizeShownOrigin(e.r, scope);
    case 'seq':
      return firstOf(e.items, scope);
    default:
      return null;
  }
}

function firstOf(es: readonly Expr[], scope: Scope): Phase | null {
  for (const x of es) {
    const p = sizeShownOrigin(x, scope);
    if (p) return p;
  }
  return null;
}

/**
 * What a display of `args` shows when their values carry no role: a count of results (model_evaluation), the size of
 * a value made by some work (that work), else the value as it is.
 */
export function shownCount(v: Val, args: readonly Expr[], scope: Scope): Val {
  if (args.some((a) => countsResults(a, scope))) return { ...v, taint: T_METRIC, origin: 'model_evaluation' };
  const p = firstOf(args, scope);
  return p ? { ...v, origin: p } : v;
}
