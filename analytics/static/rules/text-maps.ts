/**
 * Text tidied element by element (issue 13): `data.country = data.country.map(lambda x: x.strip())`,
 * `df['city'] = df['city'].map(str.lower)`. Series.map is feature_engineering in the knowledge base (a dict recoding
 * categories as numbers), but a callable that only rewrites each string (strip, lower, replace, ...) cleans the column,
 * like `.str.strip()` or a text-cleaning helper (rules/text-helpers.ts). A lambda deriving something else from the
 * text (`lambda s: s[0]`, `lambda s: len(s)`) is not one. Hooked in labeller/statement.ts for assignments.
 */
import type { Expr } from '../ir.js';
import type { Signal } from '../labeller/model.js';

/** string methods that return the string rewritten */
const REWRITES = new Set([
  'lower', 'upper', 'casefold', 'title', 'capitalize', 'strip', 'lstrip', 'rstrip', 'replace', 'translate',
  'removeprefix', 'removesuffix',
]);

/** `x.strip()`, `s.lower().replace('-', ' ')`: a chain of rewrites of the lambda's bare argument */
function isRewriteChain(e: Expr): boolean {
  if (e.k !== 'call' || e.fn.k !== 'attr' || !REWRITES.has(e.fn.attr)) return false;
  const obj = e.fn.obj;
  return obj.k === 'name' || isRewriteChain(obj);
}

/** `lambda x: x.strip()` or `str.strip` */
function isTextRewriteCallable(e: Expr): boolean {
  if (e.k === 'lambda') return isRewriteChain(e.body);
  return e.k === 'attr' && e.obj.k === 'name' && e.obj.id === 'str' && REWRITES.has(e.attr);
}

/** The assigned value is `<column>.map(f)` / `.apply(f)` with `f` rewriting each string. */
export function mapsTextRewrite(value: Expr): boolean {
  return value.k === 'call' && value.fn.k === 'attr' && (value.fn.attr === 'map' || value.fn.attr === 'apply') &&
    value.args.length === 1 && value.kw.length === 0 && isTextRewriteCallable(value.args[0]!);
}

/** The map's recoding guess gives way: the column is cleaned. */
export function cleanMappedText(sigs: Signal[]): void {
  for (const x of sigs) if (x.phase === 'feature_engineering') x.w *= 0.2;
  sigs.push({ phase: 'data_cleaning', w: 1, ev: 'shape: each string of a column rewritten (strip, lower, replace) -> data_cleaning', src: 'shape' });
}
