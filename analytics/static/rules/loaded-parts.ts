/**
 * A data set assembled from the files it was loaded from (issue 13): `fake = pd.read_csv('Fake.csv')`,
 * `true = pd.read_csv('True.csv')` (perhaps given a label column each), then `news = pd.concat([fake, true])`: stacking
 * the parts is part of loading the data (the corpus labels it data_loading), not a cleaning step. Parts named as the
 * sides of a split (`pd.concat([train, test])` to process both at once) keep data_cleaning. Tracked by
 * labeller/statement.ts over top-level statements.
 */
import type { StmtKind } from '../ir.js';
import type { Signal } from '../labeller/model.js';
import { provisionalTop } from '../labeller/signals.js';
import { SPLIT_NAME_RE } from '../labeller/names.js';

/** `pd.concat([a, b, ...])` stacking rows (no axis=1): the names of its parts, or null */
export function stackedParts(st: StmtKind): string[] | null {
  const e = st.k === 'assign' && st.op === null ? st.value : st.k === 'expr' ? st.e : null;
  if (!e || e.k !== 'call' || (e.fn.k === 'attr' ? e.fn.attr : e.fn.k === 'name' ? e.fn.id : '') !== 'concat') return null;
  const axis = e.kw.find(([k]) => k === 'axis')?.[1];
  if (axis && !(axis.k === 'num' && axis.v === 0)) return null;
  const parts = e.args[0];
  if (!parts || parts.k !== 'seq' || parts.items.length < 2) return null;
  const names = parts.items.map((p) => (p.k === 'name' ? p.id : null));
  return names.every((n): n is string => n !== null) ? names : null;
}

/** `pd.concat([pd.read_csv(f) for f in files])` / `pd.concat([pd.read_csv(a), pd.read_csv(b)])`: stacking calls made in place */
function stacksReads(st: StmtKind): boolean {
  const e = st.k === 'assign' && st.op === null ? st.value : st.k === 'expr' ? st.e : null;
  if (!e || e.k !== 'call' || (e.fn.k === 'attr' ? e.fn.attr : e.fn.k === 'name' ? e.fn.id : '') !== 'concat') return false;
  const parts = e.args[0];
  if (!parts) return false;
  if (parts.k === 'comp') return parts.parts[0]?.k === 'call';
  return parts.k === 'seq' && parts.items.length > 0 && parts.items.every((x) => x.k === 'call');
}

/**
 * After a top-level statement: relabels the stacking of loaded parts as loading, then records the name a loading
 * statement binds (`loaded`: names bound by statements labelled data_loading, until rebound otherwise).
 */
export function trackLoadedParts(st: StmtKind, sigs: Signal[], loaded: Set<string>): boolean {
  let changed = false;
  const parts = stackedParts(st);
  // (pd.concat([pd.read_csv(f) for f in files]): parts read in place, the statement loads them)
  const readInPlace = stacksReads(st) && sigs.some((x) => x.src === 'kb' && x.phase === 'data_loading');
  if (readInPlace || (parts && parts.every((n) => loaded.has(n) && !SPLIT_NAME_RE.test(n))))
    for (const x of sigs)
      if (x.src === 'kb' && x.phase === 'data_cleaning' && /\bconcat\b/.test(x.ev)) {
        Object.assign(x, { phase: 'data_loading', ev: `${x.ev.replace(/ -> \w+$/, '')} (of the parts loaded) -> data_loading` });
        changed = true;
      }
  if (st.k === 'assign' && st.targets.length === 1 && st.targets[0]!.k === 'name') {
    const n = st.targets[0]!.id;
    if (provisionalTop(sigs) === 'data_loading') {
      loaded.add(n);
      changed = true;
    } else if (loaded.delete(n)) changed = true;
  }
  return changed;
}
