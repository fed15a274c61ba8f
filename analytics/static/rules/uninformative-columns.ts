/**
 * Uninformative columns selected out (issue 13): `constant = [c for c in train.columns if train[c].std() == 0]`
 * (or `.nunique() == 1`, `.var() < 1e-3`) picks the columns that carry no information for a model, and
 * `train.drop(constant, axis=1, inplace=True)` removes them: feature selection, feature_engineering, not a look at the
 * data (the std() read) nor a repair of it (the drop). Columns dropped for other reasons stay data_cleaning.
 */
import type { Expr, StmtKind } from '../ir.js';
import type { Signal, Scope } from '../labeller/model.js';
import { topDrop } from './feature-sources.js';

/** statistics whose comparison with a threshold says a column varies too little to be a feature */
const SPREAD_STATS: ReadonlySet<string> = new Set(['std', 'var', 'nunique']);

/** `e` compares a spread statistic of a column (`df[c].std() == 0`) with something */
function comparesSpread(e: Expr): boolean {
  if (e.k === 'cmp') return e.items.some((x) => x.k === 'call' && x.fn.k === 'attr' && SPREAD_STATS.has(x.fn.attr));
  if (e.k === 'bin') return comparesSpread(e.l) || comparesSpread(e.r);
  return false;
}

/** `[c for c in df.columns if df[c].std() == 0]` */
export function isUninformativeColumnFilter(value: Expr): boolean {
  if (value.k !== 'comp' || !value.filter || value.parts.length < 3) return false;
  const over = value.parts[1]!;
  return over.k === 'attr' && over.attr === 'columns' && value.parts.slice(2).some(comparesSpread);
}

/** the list of column labels a drop takes when it is a plain name (`df.drop(constant, axis=1)`, `drop(columns=x)`) */
export function droppedName(d: Extract<Expr, { k: 'call' }>): string | null {
  const labels = d.kw.find(([k]) => k === 'columns')?.[1] ?? d.args[0];
  return labels && labels.k === 'name' ? labels.id : null;
}

function relabel(sigs: Signal[], from: Signal['phase'], why: string): boolean {
  let changed = false;
  for (const x of sigs)
    if (x.phase === from) {
      Object.assign(x, { phase: 'feature_engineering', ev: `${x.ev.replace(/ -> \w+$/, '')} (${why}) -> feature_engineering` });
      changed = true;
    }
  return changed;
}

/**
 * After a top-level statement: a filter picking uninformative columns and a drop of what it picked become
 * feature_engineering; `lists` keeps the names such filters bound. Returns whether a signal changed.
 */
export function trackUninformativeColumns(st: StmtKind, sigs: Signal[], lists: Set<string>, scope: Scope): boolean {
  if (st.k === 'assign' && st.op === null && st.value && st.targets.length === 1 && st.targets[0]!.k === 'name' && isUninformativeColumnFilter(st.value)) {
    const name = st.targets[0]!.id;
    lists.add(name);
    const v = scope.get(name);
    if (v) scope.set(name, { ...v, origin: 'feature_engineering' });
    return relabel(sigs, 'data_exploration', 'columns that vary too little to be features');
  }
  const d = lists.size > 0 ? topDrop(st) : null;
  const dropped = d ? droppedName(d) : null;
  return dropped !== null && lists.has(dropped) && relabel(sigs, 'data_cleaning', 'uninformative columns selected out');
}
