/**
 * Structural rules for encoding (issue 13): turning categories into numbers is feature engineering, not cleaning.
 *   df['sex'].map({'male': 0, 'female': 1})          mapping to numbers
 *   df['edu'].replace({'primary': 1, 'tertiary': 3})  replacing strings by numbers (dict, two lists, or a pair)
 *   df['col'].astype('category')                      making a categorical (for .cat.codes / a model)
 *   (df['fare'] > 50).astype(int), df['y'].astype(int) integer codes or flags
 *   df['title'].replace(['Lady', 'Capt'], 'Rare')     grouping rare categories into one
 *   df.loc[df['y'] == 'yes', 'y'] = 1                 a number assigned where a column equals a string
 * while df.replace(0, np.nan) or .replace('?', np.nan) (missing-value markers) stay data cleaning.
 * Pure functions over the IR: the analyser asks them, they know nothing of its state.
 */
import type { Expr } from '../ir.js';

type Call = Extract<Expr, { k: 'call' }>;

function isNumber(e: Expr | undefined): boolean {
  if (!e) return false;
  if (e.k === 'num') return true;
  if (e.k === 'const') return e.v === 'True' || e.v === 'False';
  return e.k === 'unary' && isNumber(e.e);
}

function isString(e: Expr | undefined): boolean {
  return !!e && e.k === 'str' && e.parts.length === 0;
}

/** A dict literal mapping strings to numbers ({'male': 0, 'female': 1}). */
function isStringToNumberDict(e: Expr | undefined): boolean {
  return !!e && e.k === 'dict' && e.vals.length > 0 && e.keys.every((k) => k !== null && isString(k)) && e.vals.every(isNumber);
}

/** the literal value a name is bound to (a dict literal's keys and values), as the analyser's scope knows it */
export type LiteralOf = (name: string) => unknown;

/**
 * `title_mapping = {"Mr": 1, "Miss": 2}` then `.map(title_mapping)`: a name bound to a dict of numbers (its keys are
 * strings by construction of the literal) is the mapping the recode uses.
 */
function isNamedNumberDict(e: Expr | undefined, literalOf: LiteralOf | undefined): boolean {
  if (!e || e.k !== 'name' || !literalOf) return false;
  const lit = literalOf(e.id);
  if (!lit || typeof lit !== 'object' || Array.isArray(lit)) return false;
  const vals = Object.values(lit);
  return vals.length > 0 && vals.every((v) => typeof v === 'number');
}

/** `.map(...)` / `.replace(...)` calls that recode categories as numbers (`literalOf` resolves a mapping passed by name). */
export function isNumericRecode(call: Call, literalOf?: LiteralOf): boolean {
  if (call.fn.k !== 'attr') return false;
  const method = call.fn.attr;
  const args = call.args;
  const kw = new Map(call.kw);
  if (method === 'map') return isStringToNumberDict(args[0] ?? kw.get('arg')) || isNamedNumberDict(args[0] ?? kw.get('arg'), literalOf);
  if (method !== 'replace') return false;
  const to = args[1] ?? kw.get('value');
  const from = args[0] ?? kw.get('to_replace');
  if (!from) return false;
  if (isStringToNumberDict(from)) return true;
  if (from.k === 'dict') return from.vals.length > 0 && from.vals.every((v) => isStringToNumberDict(v));
  if (from.k === 'seq' && to && to.k === 'seq') return from.items.every(isString) && to.items.every(isNumber);
  return isString(from) && isNumber(to);
}

/** `.replace(['Lady', 'Capt', 'Don'], 'Rare')`: rare categories grouped into one (a new category set, not a fix). */
export function isCategoryGrouping(call: Call): boolean {
  if (call.fn.k !== 'attr' || call.fn.attr !== 'replace') return false;
  const kw = new Map(call.kw);
  const from = call.args[0] ?? kw.get('to_replace');
  const to = call.args[1] ?? kw.get('value');
  return !!from && from.k === 'seq' && from.items.length > 1 && from.items.every(isString) && isString(to);
}

/** `.astype('category')`: a categorical made for encoding. */
export function isCategoryCast(call: Call): boolean {
  return call.fn.k === 'attr' && call.fn.attr === 'astype' && call.args.length === 1 && isString(call.args[0]) && (call.args[0] as { v: string }).v === 'category';
}

const INTEGER_DTYPE_RE = /^(u?int(8|16|32|64)?|Int(8|16|32|64)|bool|boolean)$/;

/**
 * `.astype(int)` / `.astype('int8')` / `.astype(np.uint8)` / `.astype(bool)`: values turned into integer codes or flags
 * (an indicator from a comparison, a category or a yes/no column as 0/1) are an encoding; `.astype(float)`,
 * `.astype(str)` or `.astype({'age': int})` fix a column's dtype and stay data cleaning.
 */
export function isIntegerCast(call: Call): boolean {
  if (call.fn.k !== 'attr' || call.fn.attr !== 'astype' || call.args.length !== 1) return false;
  const a = call.args[0]!;
  const name = a.k === 'name' ? a.id : a.k === 'attr' ? a.attr : a.k === 'str' && a.parts.length === 0 ? a.v : null;
  return name !== null && INTEGER_DTYPE_RE.test(name);
}

function mentionsStringComparison(e: Expr): boolean {
  switch (e.k) {
    case 'cmp':
      return e.items.some(isString) || e.items.some(mentionsStringComparison);
    case 'bin':
      return mentionsStringComparison(e.l) || mentionsStringComparison(e.r);
    case 'unary':
      return mentionsStringComparison(e.e);
    case 'seq':
      return e.items.some(mentionsStringComparison);
    case 'sub':
      return mentionsStringComparison(e.obj) || e.idx.some(mentionsStringComparison);
    case 'call':
      // df.col.isin(['a', 'b'])
      return e.fn.k === 'attr' && e.fn.attr === 'isin' && e.args.some((a) => a.k === 'seq' && a.items.length > 0 && a.items.every(isString));
    default:
      return false;
  }
}

/** df.loc[df['y'] == 'yes', 'y'] = 1 / df.sex[df.sex == 'male'] = 0: a category replaced by a number. */
export function isMaskedNumericRecode(index: readonly Expr[], value: Expr | null): boolean {
  return !!value && isNumber(value) && index.some(mentionsStringComparison);
}

/** Whether a value expression applies a numeric recode or a category cast anywhere along its chain. */
export function chainHasRecode(e: Expr, literalOf?: LiteralOf): boolean {
  switch (e.k) {
    case 'call':
      return isNumericRecode(e, literalOf) || isCategoryCast(e) || isIntegerCast(e) || isCategoryGrouping(e) || chainHasRecode(e.fn, literalOf);
    case 'attr':
      return chainHasRecode(e.obj, literalOf);
    case 'sub':
      return chainHasRecode(e.obj, literalOf);
    default:
      return false;
  }
}

/** Methods that reorganise a value without cleaning it (shape, dtype, dropped columns, a copy). */
const REORGANISATIONS = new Set(['reshape', 'astype', 'drop', 'copy', 'ravel', 'flatten', 'squeeze', 'to_numpy', 'transpose']);

/** `.reshape(...)`, `.astype(...)`, `.drop(...)`: applied to a feature-engineered value, it continues the feature engineering. */
export function isReorganisation(method: string): boolean {
  return REORGANISATIONS.has(method);
}
