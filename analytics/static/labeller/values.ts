/** Abstract values: dataflow roles as taint bits, the empty value, comparisons and small combinators. */
import type { Role } from '../knowledge.js';
import type { Phase } from '../phases.js';
import type { LiteralValue } from './results.js';
import type { Val } from './model.js';
import type { Expr } from '../ir.js';
import { solvesAgainst } from '../rules/learnt-params.js';

export const T_DATA = 1;
export const T_LABEL = 2;
export const T_MODEL = 4;
export const T_PRED = 8;
export const T_METRIC = 16;
export const T_RESULT = T_MODEL | T_PRED | T_METRIC;

export const EMPTY: Val = { t: null, q: null, mod: false, taint: 0, origin: null };
/** parameters learnt from data (weights solved for or trained by hand) */
export const LEARNT: Val = { ...EMPTY, taint: T_MODEL, origin: 'model_training' };

export function roleTaint(role: Role | null): number {
  switch (role) {
    case 'data':
      return T_DATA;
    case 'model':
    case 'search':
      return T_MODEL;
    case 'pred':
      return T_PRED;
    case 'metric':
      return T_METRIC;
    default:
      return 0;
  }
}

export function phaseTaint(p: Phase | null): number {
  switch (p) {
    case 'model_training':
    case 'hyperparameter_tuning':
      return T_MODEL;
    case 'prediction':
      return T_PRED;
    case 'model_evaluation':
      return T_METRIC;
    default:
      return 0;
  }
}

export function sameLit(a: Val['lit'], b: Val['lit']): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const x = a[k];
    const y = (b as Record<string, LiteralValue>)[k];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.some((e, i) => e !== y[i])) return false;
  }
  return true;
}

export function sameVal(a: Val | undefined, b: Val | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.t === b.t && a.q === b.q && a.mod === b.mod && a.taint === b.taint && a.origin === b.origin && a.sum === b.sum && !a.fn && !b.fn && !a.ucls && !b.ucls && !a.inst && !b.inst && !a.umod && !b.umod && sameLit(a.lit, b.lit);
}

/** Vals are immutable: the value of a literal is kept on its IR node (IR chunks are cached across analyses). */
export function litVal(e: { v: number | string; val?: unknown }): Val {
  let v = e.val as Val | undefined;
  if (!v) e.val = v = { ...EMPTY, lit: e.v };
  return v;
}

/** data that is not a summary (an aggregate made to inspect it) */
export function isRawData(v: Val): boolean {
  return (v.taint & (T_DATA | T_LABEL)) !== 0 && !v.sum;
}

export function mergeRet(a: Val, b: Val): Val {
  if (a === EMPTY) return b;
  return { ...a, t: a.t ?? b.t, taint: a.taint | b.taint };
}

export function isPredVsLabel(a: Val, b: Val): boolean {
  const predLike = (v: Val): boolean => (v.taint & (T_PRED | T_MODEL)) !== 0;
  const labelLike = (v: Val): boolean => (v.taint & T_LABEL) !== 0;
  return (predLike(a) && labelLike(b) && !(a.taint & T_LABEL && !(a.taint & T_PRED))) || (predLike(b) && labelLike(a) && !(b.taint & T_LABEL && !(b.taint & T_PRED)));
}

/**
 * predictions set against the values they predict (`test['y'] - forecast`, `(pred == df['label']).mean()`): an error
 * or a hit count, whatever the names — the true values need not be named as labels (a held-out slice of a series)
 */
export function isPredVsActual(a: Val, b: Val): boolean {
  const pred = (v: Val): boolean => (v.taint & T_PRED) !== 0 && (v.taint & T_MODEL) === 0;
  const actual = (v: Val): boolean => (v.taint & (T_DATA | T_LABEL)) !== 0 && (v.taint & (T_PRED | T_MODEL | T_METRIC)) === 0 && !v.sum && !v.mod;
  return isPredVsLabel(a, b) || (pred(a) && actual(b)) || (pred(b) && actual(a));
}

/** a matrix product of labels with transposed features or a solver's result: parameters being solved for */
export function solvedProduct(a: Expr, av: Val, b: Expr, bv: Val): boolean {
  const labels = (v: Val): boolean => (v.taint & T_LABEL) !== 0 && (v.taint & (T_PRED | T_MODEL | T_METRIC)) === 0;
  const plain = (v: Val): boolean => (v.taint & (T_LABEL | T_PRED | T_MODEL | T_METRIC)) === 0 && !v.mod;
  return (labels(bv) && plain(av) && solvesAgainst(a)) || (labels(av) && plain(bv) && solvesAgainst(b));
}
