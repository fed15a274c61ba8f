/**
 * Listing the input directory is housekeeping (issue 13): the Kaggle kernel template's
 *   for dirname, _, filenames in os.walk('/kaggle/input'):
 *       for filename in filenames:
 *           print(os.path.join(dirname, filename))
 * reads no data and looks at none (it prints file names): `other`. A loop over os.walk / glob / os.listdir /
 * Path.iterdir|glob|rglob whose body does nothing but print (possibly in nested loops) is such a listing; a loop
 * that reads the files it walks (pd.read_csv(path), Image.open) is data loading and is not matched.
 * A listing shown as it is (`print(os.listdir(DATA_DIR))`, `len(os.listdir(train_cats))` displayed) reads no data
 * either, but it looks at what the data set holds (its files, the size of a class folder): data_exploration.
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

/** the wrappers a shown listing may go through: it is still only looked at */
const SHOW_WRAPPERS = new Set(['print', 'display', 'len', 'sorted', 'list', 'set']);

/**
 * true for an expression statement that shows a directory listing and nothing else: `print(os.listdir(d))`,
 * `len(glob.glob('*.png'))`, `sorted(os.listdir(d))[:5]` (the listing's own arguments may join paths)
 */
export function isShownListing(e: Expr): boolean {
  let x = e;
  while (x.k === 'sub') x = x.obj;
  if (x.k !== 'call') return false;
  const name = calleeName(x.fn);
  if (LISTING_FN_RE.test(name) && !/(^|\.)walk$/.test(name)) return true;
  if (x.fn.k !== 'name' || !SHOW_WRAPPERS.has(x.fn.id) || x.kw.length > 0 || x.splat.length > 0) return false;
  const calls = x.args.filter((a) => a.k === 'call' || a.k === 'sub');
  return calls.length > 0 && calls.every(isShownListing) && x.args.every((a) => a.k === 'call' || a.k === 'sub' || a.k === 'str' || a.k === 'name');
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
