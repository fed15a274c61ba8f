/**
 * A measure parsed out of its text (issue 13): `df['ram_gb'] = df['ram'].str.extract(r'(\d+)\s*GB').astype(float)`
 * turns the same quantity, written with its unit, into a number: a dtype fix, data_cleaning, like
 * `pd.to_numeric(df['ram'].str.replace('GB', ''))`. The column written is the one read or is named after it
 * (`ram` -> `ram_gb`); a number extracted into a new quantity (`df['vintage'] = df['title'].str.extract(...)`) is a
 * derived feature. Pure function of the IR.
 */
import type { Expr } from '../ir.js';

const NUMERIC_CAST = /^(float|float32|float64|int|int32|int64|Int64|numeric)$/;

function castTo(e: Expr): string | null {
  const a = e.k === 'call' ? (e.args[0] ?? e.kw.find(([k]) => k === 'dtype')?.[1]) : undefined;
  if (!a) return null;
  if (a.k === 'name') return a.id;
  if (a.k === 'attr') return a.attr;
  if (a.k === 'str') return a.v;
  return null;
}

/** `frame['col'].str.extract(...)` (optionally `[0]`): the column extracted from, or null */
function extractedColumn(e: Expr): string | null {
  let x = e;
  if (x.k === 'sub' && x.idx.length === 1 && x.idx[0]!.k === 'num') x = x.obj;
  if (x.k !== 'call' || x.fn.k !== 'attr' || x.fn.attr !== 'extract') return null;
  const acc = x.fn.obj;
  if (acc.k !== 'attr' || acc.attr !== 'str') return null;
  const col = acc.obj;
  if (col.k === 'sub' && col.idx.length === 1 && col.idx[0]!.k === 'str' && col.idx[0]!.parts.length === 0) return col.idx[0]!.v;
  if (col.k === 'attr') return col.attr;
  return null;
}

/** `df[key] = df[src].str.extract(rx).astype(float)` with `key` the column `src` or named after it */
export function isParsedMeasure(key: string, value: Expr): boolean {
  if (value.k !== 'call' || value.fn.k !== 'attr' || value.fn.attr !== 'astype') return false;
  const cast = castTo(value);
  if (!cast || !NUMERIC_CAST.test(cast) || /^int/i.test(cast)) return false;
  const src = extractedColumn(value.fn.obj);
  return src !== null && (key === src || key.toLowerCase().startsWith(`${src.toLowerCase()}_`));
}
