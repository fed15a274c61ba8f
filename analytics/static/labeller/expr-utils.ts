/** Pure questions about IR expressions (literals, target names, roots of attribute chains, text for evidence). */
/** X.columns, df.dtypes[...].index, X.columns.tolist(), list(df.columns): names of columns */
import type { Expr } from '../ir.js';
import { MASK_METHODS } from './names.js';

export function isColumnList(e: Expr): boolean {
  if (e.k === 'attr') return e.attr === 'columns' || e.attr === 'index';
  if (e.k === 'call' && e.fn.k === 'attr' && (e.fn.attr === 'tolist' || e.fn.attr === 'to_list') && e.args.length === 0) return isColumnList(e.fn.obj);
  if (e.k === 'call' && e.fn.k === 'name' && (e.fn.id === 'list' || e.fn.id === 'sorted' || e.fn.id === 'set') && e.args.length === 1) return isColumnList(e.args[0]!);
  return false;
}

/** df['x'].notnull(), df.x.isin([...]), df.name.str.contains('a'): a boolean row mask */
export function isMaskCall(e: Expr): boolean {
  return e.k === 'call' && e.fn.k === 'attr' && MASK_METHODS.has(e.fn.attr) && e.fn.attr !== 'str';
}

export function isLiteral(e: Expr): boolean {
  switch (e.k) {
    case 'num':
    case 'const':
      return true;
    case 'str':
      return e.parts.length === 0;
    case 'unary':
      return isLiteral(e.e);
    case 'seq':
      return e.items.every(isLiteral);
    case 'dict':
      return e.keys.every((k) => k === null || isLiteral(k)) && e.vals.every(isLiteral);
    case 'bin':
      return isLiteral(e.l) && isLiteral(e.r);
    default:
      return false;
  }
}

export function collectTargetNames(e: Expr, out: string[]): void {
  if (e.k === 'name') out.push(e.id);
  else if (e.k === 'seq') for (const i of e.items) collectTargetNames(i, out);
}

export function collectStrings(e: Expr, out: Set<string>): void {
  if (e.k === 'str') out.add(e.v);
  else if (e.k === 'seq') for (const i of e.items) collectStrings(i, out);
}

export function attrRoot(e: Expr): string | null {
  let cur = e;
  while (cur.k === 'attr' || cur.k === 'sub') cur = cur.obj;
  return cur.k === 'name' ? cur.id : null;
}

export function refersTo(e: Expr, names: Set<string>): boolean {
  switch (e.k) {
    case 'name':
      return names.has(e.id);
    case 'attr':
      return refersTo(e.obj, names);
    case 'sub':
      return refersTo(e.obj, names) || e.idx.some((i) => refersTo(i, names));
    case 'call':
      return e.args.some((a) => refersTo(a, names)) || e.kw.some(([, a]) => refersTo(a, names));
    case 'bin':
      return refersTo(e.l, names) || refersTo(e.r, names);
    case 'seq':
      return e.items.some((i) => refersTo(i, names));
    case 'unary':
      return refersTo(e.e, names);
    default:
      return false;
  }
}

export function mentions(e: Expr, re: RegExp): boolean {
  switch (e.k) {
    case 'name':
      return re.test(e.id);
    case 'attr':
      return re.test(e.attr) || mentions(e.obj, re);
    case 'call':
      return mentions(e.fn, re) || e.args.some((a) => mentions(a, re));
    case 'bin':
      return mentions(e.l, re) || mentions(e.r, re);
    case 'sub':
      return mentions(e.obj, re);
    case 'unary':
      return mentions(e.e, re);
    default:
      return false;
  }
}

export function exprText(e: Expr): string {
  switch (e.k) {
    case 'name':
      return e.id;
    case 'attr':
      return `${exprText(e.obj)}.${e.attr}`;
    case 'call':
      return `${exprText(e.fn)}(...)`;
    case 'sub':
      return `${exprText(e.obj)}[${e.idx.map(exprText).join(', ')}]`;
    case 'str':
      return JSON.stringify(e.v);
    case 'num':
      return String(e.v);
    default:
      return '…';
  }
}

/** Whether the expression reads one of the names anywhere (calls, subscripts, strings, comprehensions, lambdas). */
export function readsAnyName(e: Expr, names: ReadonlySet<string>): boolean {
  switch (e.k) {
    case 'name':
      return names.has(e.id);
    case 'attr':
      return readsAnyName(e.obj, names);
    case 'call':
      return readsAnyName(e.fn, names) || e.args.some((a) => readsAnyName(a, names)) || e.kw.some(([, a]) => readsAnyName(a, names)) || e.splat.some((a) => readsAnyName(a, names));
    case 'sub':
      return readsAnyName(e.obj, names) || e.idx.some((i) => readsAnyName(i, names));
    case 'bin':
      return readsAnyName(e.l, names) || readsAnyName(e.r, names);
    case 'unary':
      return readsAnyName(e.e, names);
    case 'cmp':
    case 'seq':
      return e.items.some((i) => readsAnyName(i, names));
    case 'str':
    case 'comp':
    case 'slice':
    case 'other':
      return e.parts.some((p) => readsAnyName(p, names));
    case 'dict':
      return e.vals.some((v) => readsAnyName(v, names)) || e.keys.some((k) => k !== null && readsAnyName(k, names));
    case 'lambda':
      return readsAnyName(e.body, names);
    default:
      return false;
  }
}
