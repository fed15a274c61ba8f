/**
 * Listing the input directory is housekeeping (issue 13): the Kaggle kernel template's
 *   for dirname, _, filenames in os.walk('/kaggle/input'):
 *       for filename in filenames:
 *           print(os.path.join(dirname, filename))
 * reads no data and looks at none (it prints file names): `other`. A loop over os.walk / glob / os.listdir /
 * Path.iterdir|glob|rglob whose body does nothing but print (possibly in nested loops) is such a listing; a loop
 * that reads the files it walks (pd.read_csv(path), Image.open) is data loading and is not matched.
 * Pure functions of the IR.
 */
import type { Expr, Stmt } from '../ir.js';

const LISTING_FN_RE = /(^|\.)(walk|listdir|scandir|glob|iglob|iterdir|rglob)$/;

/** true for `for ... in os.walk(...)`-like heads whose body only prints */
export function isFileListingLoop(kind: string, heads: readonly Expr[], body: readonly Stmt[]): boolean {
  if (kind !== 'for' || heads.length !== 1) return false;
  const h = heads[0]!;
  if (h.k !== 'call' || !LISTING_FN_RE.test(calleeName(h.fn))) return false;
  return body.length > 0 && body.every(onlyPrints);
}

function onlyPrints(s: Stmt): boolean {
  const st = s.s;
  if (st.k === 'expr') return st.e.k === 'call' && st.e.fn.k === 'name' && st.e.fn.id === 'print';
  if (st.k === 'block' && st.kind === 'for') return st.body.length > 0 && st.body.every(onlyPrints);
  return false;
}

function calleeName(e: Expr): string {
  if (e.k === 'name') return e.id;
  if (e.k === 'attr') return `${calleeName(e.obj)}.${e.attr}`;
  if (e.k === 'call') return calleeName(e.fn);
  return '';
}
