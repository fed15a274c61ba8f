/**
 * Hand-written iterative fitting (issue 13): k-means, EM, alternating least squares and other fixed-point loops are
 * model training, not feature engineering, whatever the names.
 *   for _ in range(n_iter):
 *       dist = ((X[:, None] - centers[None]) ** 2).sum(-1)   # the parameters measured against the data
 *       labels = dist.argmin(1)
 *       centers = np.array([X[labels == j].mean(0) ...])   # and re-estimated from what that measure says
 * A loop over a count (`range(...)` not over the data's length, `while`) that rebinds a name or `self.attr` from a
 * value computed, through another name bound earlier in the same pass, from that name itself and from data.
 * `s = s + X[i]` (no intermediate) and `df = df[df.x < df.x.mean() + 3 * df.x.std()]` (no data but itself) are not.
 * Pure functions over the IR: the analyser says which names hold data.
 */
import type { Expr, Stmt } from '../ir.js';

/** `x`, `self.centers` (one attribute of a plain name): the keys of the values a loop may refit */
function keyOf(e: Expr): string | null {
  if (e.k === 'name') return e.id;
  if (e.k === 'attr' && e.obj.k === 'name') return `${e.obj.id}.${e.attr}`;
  return null;
}

/** the keys an expression reads (names, and `self.attr` as well as `self`) */
function reads(e: Expr, out: Set<string>): Set<string> {
  switch (e.k) {
    case 'name':
      out.add(e.id);
      break;
    case 'attr': {
      const k = keyOf(e);
      if (k) out.add(k);
      reads(e.obj, out);
      break;
    }
    case 'call':
      reads(e.fn, out);
      for (const a of e.args) reads(a, out);
      for (const [, a] of e.kw) reads(a, out);
      for (const a of e.splat) reads(a, out);
      break;
    case 'sub':
      reads(e.obj, out);
      for (const i of e.idx) reads(i, out);
      break;
    case 'bin':
      reads(e.l, out);
      reads(e.r, out);
      break;
    case 'unary':
      reads(e.e, out);
      break;
    case 'lambda':
      reads(e.body, out);
      break;
    case 'cmp':
    case 'seq':
      for (const x of e.items) reads(x, out);
      break;
    case 'dict':
      for (const x of e.keys) if (x) reads(x, out);
      for (const x of e.vals) reads(x, out);
      break;
    case 'comp':
    case 'slice':
    case 'other':
      for (const x of e.parts) reads(x, out);
      break;
    case 'str':
      for (const x of e.parts) reads(x, out);
      break;
    default:
      break;
  }
  return out;
}

/** a loop over a count: `while ...`, `for _ in range(n)` (not `range(len(X))`, a walk over the rows) */
function countsIterations(kind: string, heads: Expr[]): boolean {
  if (kind === 'while') return true;
  if (kind !== 'for' || heads.length !== 1) return false;
  const h = heads[0]!;
  if (h.k !== 'call' || h.fn.k !== 'name' || h.fn.id !== 'range') return false;
  return !h.args.some((a) => a.k === 'call' && a.fn.k === 'name' && a.fn.id === 'len');
}

interface Bound {
  key: string;
  /** everything the value depends on, through names bound earlier in this pass */
  deps: Set<string>;
  /** index of the loop body's statement that binds it */
  at: number;
}

/**
 * The loop's refitted values: `[key, index of the body statement rebinding it]` for each name or `self.attr` the loop
 * re-estimates from the data through an intermediate measure of itself; empty when it is no fitting loop.
 */
export function refittedInLoop(kind: string, heads: Expr[], body: Stmt[], isData: (name: string) => boolean): [string, number][] {
  if (!countsIterations(kind, heads)) return [];
  const bound = new Map<string, Bound>();
  const order: Bound[] = [];
  const found: [string, number][] = [];
  const visit = (stmts: Stmt[], at: number | null): void => {
    stmts.forEach((s, i) => {
      const idx = at ?? i;
      const st = s.s;
      if (st.k === 'block') {
        visit(st.body, idx);
        return;
      }
      if (st.k !== 'assign' || st.value === null || st.targets.length !== 1) return;
      const direct = reads(st.value, new Set());
      const deps = new Set(direct);
      for (const r of direct) for (const d of bound.get(r)?.deps ?? []) deps.add(d);
      const targets = st.targets[0]!.k === 'seq' ? st.targets[0]!.items : [st.targets[0]!];
      for (const t of targets) {
        const key = keyOf(t);
        if (!key) continue;
        // the value is re-estimated from an intermediate (bound earlier in this pass) that measured the old value
        // against data other than itself
        if (st.op === null && deps.has(key)) {
          const via = order.find((b) => b.key !== key && deps.has(b.key) && b.deps.has(key) && [...b.deps].some((d) => d !== key && !bound.has(d) && !d.startsWith(`${key}.`) && isData(d)));
          if (via && !found.some(([k]) => k === key)) found.push([key, idx]);
        }
        const b = { key, deps, at: idx };
        bound.set(key, b);
        order.push(b);
      }
    });
  };
  visit(body, null);
  return found;
}
