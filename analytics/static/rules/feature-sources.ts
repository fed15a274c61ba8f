/**
 * Columns dropped once features were made from them. `df['hour'] = (df['Time'] // 3600) % 24` then
 * `df = df.drop(columns=['Time'])`: the raw column is replaced by the feature derived from it, so dropping it is part of
 * the feature engineering (the corpus labels it so), not a cleaning step, which drops columns nothing was made from
 * (`df.drop(columns=['customerID'])`). Pure functions of the IR; labeller/statement.ts records the source columns of
 * each top-level statement labelled feature_engineering and relabels the drop.
 */
import type { Expr, Stmt, StmtKind } from '../ir.js';
import type { Phase } from '../phases.js';
import { attrRoot } from '../labeller/expr-utils.js';
import type { Signal } from '../labeller/model.js';
import { provisionalTop } from '../labeller/signals.js';

/** 'name' of a plain string literal, else null */
function plainString(e: Expr): string | null {
  return e.k === 'str' && e.parts.length === 0 ? e.v : null;
}

/** the string keys subscripting anything in `e` (df['Time'], df.loc[mask, 'wind']) */
function readKeys(e: Expr, out: Set<string>): void {
  switch (e.k) {
    case 'sub':
      for (const i of e.idx) {
        const s = plainString(i);
        if (s !== null) out.add(s);
        else readKeys(i, out);
      }
      readKeys(e.obj, out);
      return;
    case 'attr':
      readKeys(e.obj, out);
      return;
    case 'call':
      readKeys(e.fn, out);
      for (const a of e.args) readKeys(a, out);
      for (const [, a] of e.kw) readKeys(a, out);
      return;
    case 'bin':
      readKeys(e.l, out);
      readKeys(e.r, out);
      return;
    case 'unary':
      readKeys(e.e, out);
      return;
    case 'lambda':
      readKeys(e.body, out);
      return;
    case 'cmp':
    case 'seq':
    case 'other':
      for (const x of e.k === 'cmp' || e.k === 'seq' ? e.items : e.parts) readKeys(x, out);
      return;
    default:
      return;
  }
}

/**
 * `df['new'] = f(df['a'], df['b'])` / `df.insert(0, 'new', f(df['a']))`: the columns a new column is derived from
 * ('a', 'b'), the new one excluded (a column rewritten from itself is transformed, not replaced); empty for any other
 * statement.
 */
export function derivedColumnSources(st: StmtKind): string[] {
  const inserted = insertedColumn(st);
  if (inserted !== null) {
    const keys = new Set<string>();
    readKeys(inserted[1], keys);
    keys.delete(inserted[0]);
    return [...keys];
  }
  if (st.k !== 'assign' || st.op !== null || !st.value || st.targets.length !== 1) return [];
  const t = st.targets[0]!;
  if (t.k !== 'sub' || t.idx.length !== 1) return [];
  const made = plainString(t.idx[0]!);
  if (made === null) return [];
  const keys = new Set<string>();
  readKeys(st.value, keys);
  keys.delete(made);
  return [...keys];
}

/**
 * `df.insert(0, 'scaled_amount', rob_scaler.fit_transform(df['Amount'].values.reshape(-1, 1)))` (the imbalanced-data
 * kernels put the scaled columns first): the column inserted and its value, as `df['scaled_amount'] = ...` would give
 */
export function insertedColumn(st: StmtKind): [string, Expr] | null {
  if (st.k !== 'expr' || st.e.k !== 'call' || st.e.fn.k !== 'attr' || st.e.fn.attr !== 'insert' || st.e.args.length !== 3) return null;
  const made = plainString(st.e.args[1]!);
  return made === null ? null : [made, st.e.args[2]!];
}

/** the literal column labels a `.drop(...)` call removes: `columns=[...]`, or its first argument with `axis=1` */
export function droppedColumns(e: Extract<Expr, { k: 'call' }>): string[] {
  const kw = new Map(e.kw);
  let labels = kw.get('columns') ?? null;
  if (!labels) {
    const axis = kw.get('axis') ?? e.args[1];
    const byColumns = axis && ((axis.k === 'num' && axis.v === 1) || plainString(axis) === 'columns');
    labels = byColumns ? (e.args[0] ?? kw.get('labels') ?? null) : null;
  }
  if (!labels) return [];
  const one = plainString(labels);
  if (one !== null) return [one];
  if (labels.k !== 'seq') return [];
  return labels.items.map(plainString).filter((s): s is string => s !== null);
}

/** the `.drop(...)` call a statement makes (`df.drop(...)`, `df = df.drop(...)`, `df.drop(...).reset_index()`), or null */
export function topDrop(st: StmtKind): Extract<Expr, { k: 'call' }> | null {
  let e: Expr | null = st.k === 'expr' ? st.e : st.k === 'assign' && st.op === null ? st.value : null;
  while (e && e.k === 'call' && e.fn.k === 'attr') {
    if (e.fn.attr === 'drop') return e;
    e = e.fn.obj;
  }
  return null;
}

/** whether the statement drops a column some feature was made from */
export function dropsFeatureSources(st: StmtKind, sources: ReadonlySet<string>): boolean {
  const d = topDrop(st);
  return !!d && droppedColumns(d).some((c) => sources.has(c));
}

/** `pd.concat([a, b], axis=1)` whose parts include a value made by feature engineering (`dummies`) */
export function joinsFeatures(st: StmtKind, madeIn: (name: string) => Phase | null): boolean {
  const e = st.k === 'expr' ? st.e : st.k === 'assign' && st.op === null ? st.value : null;
  if (!e || e.k !== 'call' || !/^(concat)$/.test(e.fn.k === 'attr' ? e.fn.attr : e.fn.k === 'name' ? e.fn.id : '')) return false;
  const axis = e.kw.find(([k]) => k === 'axis')?.[1];
  if (!axis || !((axis.k === 'num' && axis.v === 1) || plainString(axis) === 'columns')) return false;
  const parts = e.args[0];
  if (!parts || parts.k !== 'seq') return false;
  return parts.items.some((p) => {
    const root = attrRoot(p);
    return root !== null && madeIn(root) === 'feature_engineering';
  });
}

/** methods recoding the values of a column (merging rare titles, mapping labels), not fixing them */
const RECODE_EV_RE = /\.(replace|map)\b/;

/** What the rule keeps: columns features were made from, and columns made as features (labeller/engine.ts). */
export interface FeatureColumnsState {
  readonly featureSources: Set<string>;
  readonly featureColumns: Set<string>;
}

/** `df['Title'] = df['Title'].replace(...)`: the column a statement rewrites from itself, or null */
export function rewrittenColumn(st: StmtKind): string | null {
  if (st.k !== 'assign' || st.op !== null || !st.value || st.targets.length !== 1) return null;
  const t = st.targets[0]!;
  const key = t.k === 'sub' && t.idx.length === 1 ? plainString(t.idx[0]!) : null;
  if (key === null) return null;
  const keys = new Set<string>();
  readKeys(st.value, keys);
  return keys.has(key) ? key : null;
}

/**
 * After a top-level statement: a drop of a source column becomes feature_engineering; a column made as a feature and
 * then rewritten from itself with cleaning methods (`df['Title'] = df['Title'].replace(['Lady', 'Capt'], 'Rare')`
 * after the title was extracted from the name) goes on making that feature; a statement labelled feature_engineering
 * that derives a new column records its inputs and the column. Returns whether any of that happened (the statement
 * then depends on more than its reads: not to be replayed from its memo).
 */
export function trackFeatureSources(st: StmtKind, sigs: Signal[], state: FeatureColumnsState, madeIn: (name: string) => Phase | null): boolean {
  const sources = state.featureSources;
  let changed = false;
  // X = pd.concat([df[num_cols], dummies], axis=1): features put side by side (dummies made before) are the feature table
  if (joinsFeatures(st, madeIn))
    for (const x of sigs)
      if (x.phase === 'data_cleaning' && x.src === 'kb' && /\bconcat\b/.test(x.ev)) {
        Object.assign(x, { phase: 'feature_engineering', ev: `${x.ev.replace(/ -> \w+$/, '')} (columns joined to features made before) -> feature_engineering` });
        changed = true;
      }
  const drop = sources.size > 0 ? topDrop(st) : null;
  const dropped = drop ? droppedColumns(drop) : [];
  // (a helper feature made before and dropped once used, AgeBand after the ages were replaced by its ordinals, or
  // FamilySize after IsAlone was made of it, is feature selection too)
  const ended = dropped.filter((c) => sources.has(c) || state.featureColumns.has(c)).length;
  // (a drop of sources and of other columns, ['Name', 'Ticket'] after a title was taken from the name, also cleans)
  if (ended > 0)
    for (const x of [...sigs])
      if (x.phase === 'data_cleaning' && x.src === 'kb' && /\.drop\b/.test(x.ev)) {
        const ev = `${x.ev.replace(/ -> \w+$/, '')} (columns features were made from) -> feature_engineering`;
        if (ended === dropped.length) Object.assign(x, { phase: 'feature_engineering', ev });
        else sigs.push({ ...x, phase: 'feature_engineering', ev });
        changed = true;
      }
  const rewritten = rewrittenColumn(st);
  // (only a recoding of its values: the gaps of a feature filled, s.fillna(0), or its values clipped also clean)
  if (rewritten !== null && state.featureColumns.has(rewritten) && sigs.some((x) => x.phase === 'data_cleaning') && sigs.every((x) => x.phase !== 'data_cleaning' || RECODE_EV_RE.test(x.ev)) && sigs.every((x) => x.phase === 'data_cleaning' || x.phase === 'feature_engineering' || x.phase === 'other')) {
    for (const x of sigs)
      if (x.phase === 'data_cleaning') Object.assign(x, { phase: 'feature_engineering', ev: `${x.ev.replace(/ -> \w+$/, '')} (of the feature ${rewritten} made before) -> feature_engineering` });
    changed = true;
  }
  if (st.k === 'block' && st.kind === 'for' && provisionalTop(sigs) === 'feature_engineering') changed = derivedInLoop(st.body, state) || changed;
  const made = derivedColumnSources(st);
  const target = st.k === 'assign' && st.targets.length === 1 && st.targets[0]!.k === 'sub' && st.targets[0]!.idx.length === 1 ? plainString(st.targets[0]!.idx[0]!) : insertedColumn(st)?.[0] ?? null;
  if (target !== null && provisionalTop(sigs) === 'feature_engineering') {
    for (const c of made) sources.add(c);
    state.featureColumns.add(target);
    changed = true;
  }
  return changed;
}

/**
 * `for dataset in combine: dataset['FamilySize'] = dataset['SibSp'] + dataset['Parch'] + 1`: a loop over frames that
 * makes features records their inputs and the new columns, as a top-level statement making a feature does. Only the
 * statements of the loop's body and of the blocks nested in it, no expression walk beyond their values.
 */
function derivedInLoop(body: readonly Stmt[], state: FeatureColumnsState): boolean {
  let changed = false;
  for (const { s } of body) {
    if (s.k === 'block') {
      changed = derivedInLoop(s.body, state) || changed;
      continue;
    }
    const t = s.k === 'assign' && s.targets.length === 1 && s.targets[0]!.k === 'sub' && s.targets[0]!.idx.length === 1 ? plainString(s.targets[0]!.idx[0]!) : null;
    if (t === null || rewrittenColumn(s) !== null) continue;
    for (const c of derivedColumnSources(s)) state.featureSources.add(c);
    state.featureColumns.add(t);
    changed = true;
  }
  return changed;
}

const REWRITTEN_EV_RE = /^shape: column '([^']+)' rewritten in place -> data_cleaning$/;

/**
 * A loop over frames (`for dataset in full_data:`) that derives a column and then recodes it in the same body
 * (`dataset['Title'] = dataset['Name'].apply(get_title)`, then `dataset['Title'] = dataset['Title'].replace({'Mlle':
 * 'Miss'})`) goes on making that feature, as trackFeatureSources decides for top-level statements: the rewrite's
 * cleaning signal becomes feature_engineering. So does a loop recoding a feature made before (`made`: the Titanic
 * workflow's second loop merging rare titles into 'Rare' after the first extracted them), when it does nothing else
 * that cleans (no gaps filled, as for top-level statements). Returns whether a signal changed.
 */
export function recodedInLoop(sigs: Signal[], made?: ReadonlySet<string>): boolean {
  const onlyRecodes = sigs.every((x) => x.phase !== 'data_cleaning' || REWRITTEN_EV_RE.test(x.ev) || RECODE_EV_RE.test(x.ev));
  const derived = new Set<string>(made && onlyRecodes ? made : []);
  for (const x of sigs) {
    const m = /^shape: new column '([^']+)' (derived|computed) -> feature_engineering$/.exec(x.ev);
    if (m) derived.add(m[1]!);
  }
  let changed = false;
  for (const x of sigs) {
    const m = REWRITTEN_EV_RE.exec(x.ev);
    if (m && derived.has(m[1]!)) {
      Object.assign(x, { phase: 'feature_engineering', ev: `shape: column '${m[1]}' recoded after it was derived in the loop -> feature_engineering` });
      changed = true;
    }
  }
  return changed;
}
