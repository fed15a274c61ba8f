/**
 * What a feature selector produces (issue 13, corpus README: feature selection is feature_engineering): the selector
 * (`rfecv = RFECV(estimator=LogisticRegression(), cv=5)`, `SelectFromModel(ExtraTreesClassifier())`, its estimator only
 * a part of it), its scores (`chi_scores, p_values = chi2(X, y)`, `mi = mutual_info_classif(X, y)`), the columns it
 * keeps or rejects (`X.columns[rfecv.support_]`, `X.columns[~vt.get_support()]`) and what is made of those alone
 * (`pd.Series(mi, index=X.columns).sort_values()`, `print('Optimal number of features:', rfecv.n_features_)`,
 * `chi_df.head(10)`) are feature selection, not a look at the data nor an evaluation; and so is the drop of the
 * columns it rejected (`X = X.drop(columns=low_var)`). Statements that also train, predict or draw keep their phases.
 *
 * The correlation filter is one too: `corr = X.corr().abs()`, `upper = corr.where(np.triu(np.ones(corr.shape), k=1).astype(bool))`,
 * `to_drop = [c for c in upper.columns if any(upper[c] > 0.95)]`: a correlation matrix computed only to pick the columns
 * to drop (corpus README) is feature selection, not a look at the data; one also drawn or shown stays exploration.
 */
import type { Expr, StmtKind } from '../ir.js';
import type { Rec, Signal, Scope } from '../labeller/model.js';
import { collectTargetNames } from '../labeller/expr-utils.js';
import { statementValueNames } from './result-summaries.js';
import { topDrop } from './feature-sources.js';
import { droppedName } from './uninformative-columns.js';

/** evidence of a call into scikit-learn's feature selection (a selector built, a score function called) */
const SELECTION_EV_RE = /^sklearn\.feature_selection\.\w+/;
/** selectors wrapping an estimator: the estimator built inside them is the selector's */
const WRAPPING_SELECTOR_EV_RE = /^sklearn\.feature_selection\.(RFE|RFECV|SelectFromModel|SequentialFeatureSelector)\b/;
/** phases a statement made only of a selector's outputs may be given by the pandas and display steps it uses */
const RELABELLED: ReadonlySet<string> = new Set(['data_exploration', 'data_cleaning', 'model_evaluation', 'other']);
/** phases that keep a statement out: it trains, predicts, draws, splits or loads */
const KEEPS: ReadonlySet<string> = new Set(['model_training', 'hyperparameter_tuning', 'prediction', 'visualization', 'plot?', 'data_splitting', 'data_loading', 'model_persistence', 'setup']);

const TRANSFORMS: ReadonlySet<string> = new Set(['transform', 'fit_transform']);

/** The analyser's state this rule keeps: the names of selector outputs, and correlation matrices not yet used otherwise. */
export interface SelectionState {
  readonly selectionOutputs: Set<string>;
  /** name -> the statements that made it from a correlation matrix (`corr = X.corr()`, `upper = corr.where(...)`) */
  readonly correlationChains: Map<string, Rec[]>;
  /** name -> the statements that picked it from an evaluation's table and showed it (`top = imp.nlargest(15).index`) */
  readonly importancePicks: Map<string, Rec[]>;
}

/** `imp.nlargest(15).index`, `imp.loc[imp['cumulative'] <= 0.9, 'feature'].tolist()`, `list(top.index)`: labels picked out */
function picksLabels(e: Expr): boolean {
  if (e.k === 'attr') return e.attr === 'index' || (e.attr === 'values' && e.obj.k === 'attr' && e.obj.attr === 'index');
  if (e.k !== 'call') return false;
  if (e.fn.k === 'attr' && e.fn.attr === 'tolist' && e.args.length === 0) return true;
  return e.fn.k === 'name' && e.fn.id === 'list' && e.args.length === 1;
}

/** whether the expression subscripts a frame of features with `pick` (`X_train[top]`, `X.loc[:, top]`; `features(name)` says which) */
function selectsWith(e: Expr, pick: string, features: (name: string) => boolean): boolean {
  const isPick = (x: Expr): boolean => (x.k === 'name' && x.id === pick) || (x.k === 'slice' && x.parts.some(isPick));
  switch (e.k) {
    case 'sub': {
      const root = e.obj.k === 'attr' && (e.obj.attr === 'loc' || e.obj.attr === 'iloc') ? e.obj.obj : e.obj;
      if (root.k === 'name' && root.id !== pick && features(root.id) && e.idx.some(isPick)) return true;
      return selectsWith(e.obj, pick, features) || e.idx.some((x) => selectsWith(x, pick, features));
    }
    case 'call':
      return [e.fn, ...e.args, ...e.kw.map(([, v]) => v)].some((x) => selectsWith(x, pick, features));
    case 'attr':
      return selectsWith(e.obj, pick, features);
    case 'seq':
      return e.items.some((x) => selectsWith(x, pick, features));
    case 'str':
    case 'other':
      return e.parts.some((x) => selectsWith(x, pick, features));
    default:
      return false;
  }
}

function statementExprs(st: StmtKind): Expr[] {
  if (st.k === 'expr') return [st.e];
  if (st.k === 'assign') return st.value ? [st.value, ...st.targets] : [...st.targets];
  return [];
}

/**
 * Labels picked from an evaluation's table (top features of an importance ranking), then used to select the columns
 * of the data (`X_train[top_features]`), are feature selection (corpus README): the pick and its displays on the way
 * become feature_engineering. A pick drawn or used otherwise first stays as it is. Returns whether anything changed.
 */
function trackImportancePicks(st: StmtKind, rec: Rec, valueNames: ReadonlySet<string> | null, state: SelectionState, scope: Scope): boolean {
  const picks = state.importancePicks;
  const bound = boundNames(st);
  let changed = false;
  for (const [n, chain] of [...picks]) {
    if (!valueNames?.has(n)) continue;
    picks.delete(n);
    changed = true;
    // (the data, not the ranking itself: imp[top] draws the top of the ranking)
    const features = (m: string): boolean => isData(m, scope) && scope.get(m)?.origin !== 'model_evaluation';
    if (statementExprs(st).some((e) => selectsWith(e, n, features))) {
      for (const r of chain) {
        for (const x of r.sigs) if (RELABELLED.has(x.phase)) relabel(x, 'top features of a ranking picked to select columns');
        if (!r.sigs.some((x) => x.phase === 'feature_engineering' && !x.provisional))
          r.sigs.push({ phase: 'feature_engineering', w: 0.7, ev: 'shape: top features of a ranking picked to select columns -> feature_engineering', src: 'shape' });
      }
      state.selectionOutputs.add(n);
    } else if (bound.length === 0 && rec.sigs.every((x) => /^display of /.test(x.ev)) && [...valueNames].every((m) => m === n || !isData(m, scope))) {
      // print(f'{len(top)} features kept'): shown on the way
      picks.set(n, [...chain, rec]);
    }
  }
  for (const n of bound) if (picks.delete(n)) changed = true;
  const value = st.k === 'assign' && st.op === null ? st.value : null;
  if (value && bound.length === 1 && picksLabels(value) && valueNames && !valueNames.has(bound[0]!) && !rec.sigs.some((x) => KEEPS.has(x.phase) || x.src === 'user')) {
    const data = [...valueNames].filter((m) => isData(m, scope));
    if (data.length > 0 && data.every((m) => scope.get(m)?.origin === 'model_evaluation')) {
      picks.set(bound[0]!, [rec]);
      changed = true;
    }
  }
  return changed;
}

const CORR_EV_RE = /^pandas\.(DataFrame|Series)\.corr\b/;

/** whether the expression compares something with a literal number (`upper[c] > 0.95`) */
function comparesWithNumber(e: Expr): boolean {
  switch (e.k) {
    case 'cmp':
      return e.items.some((x) => x.k === 'num' || (x.k === 'unary' && x.e.k === 'num') || x.k === 'name');
    case 'call':
      return e.args.some(comparesWithNumber) || (e.fn.k === 'attr' && comparesWithNumber(e.fn.obj));
    case 'attr':
      return comparesWithNumber(e.obj);
    case 'bin':
      return comparesWithNumber(e.l) || comparesWithNumber(e.r);
    case 'unary':
      return comparesWithNumber(e.e);
    case 'other':
      return e.parts.some(comparesWithNumber);
    default:
      return false;
  }
}

/** `[c for c in m.columns if any(m[c] > t)]` / `m.columns[(m > t).any()]`: the name `m` whose columns are filtered, or null */
export function columnsPickedByThreshold(value: Expr): string | null {
  if (value.k === 'comp' && value.filter && value.parts.length >= 3) {
    const over = value.parts[1]!;
    if (over.k === 'attr' && over.attr === 'columns' && over.obj.k === 'name' && value.parts.slice(2).some(comparesWithNumber)) return over.obj.id;
  }
  if (value.k === 'call' && value.fn.k === 'attr' && value.fn.attr === 'tolist') return columnsPickedByThreshold(value.fn.obj);
  if (value.k === 'sub' && value.obj.k === 'attr' && value.obj.attr === 'columns' && value.obj.obj.k === 'name' && value.idx.some(comparesWithNumber)) return value.obj.obj.id;
  return null;
}

/**
 * Follows correlation matrices (`corr = X.corr().abs()`, then values made of one alone), and when the first other
 * statement reading one picks columns by a threshold on it, relabels the chain as feature selection. Returns whether
 * a signal changed or the state did.
 */
function trackCorrelationFilter(st: StmtKind, rec: Rec, valueNames: ReadonlySet<string> | null, state: SelectionState, scope: Scope): boolean {
  const chains = state.correlationChains;
  const bound = boundNames(st);
  const read = valueNames ? [...valueNames].filter((n) => chains.has(n)) : [];
  const value = st.k === 'assign' && st.op === null ? st.value : null;
  const picked = value ? columnsPickedByThreshold(value) : null;
  let changed = false;
  const before = read.length === 1 ? chains.get(read[0]!) : undefined;
  // (a name rebound by anything else is no longer the matrix)
  for (const n of bound) chains.delete(n);
  const chain = picked !== null ? chains.get(picked) : undefined;
  if (chain && bound.length === 1) {
    for (const r of chain)
      for (const x of r.sigs) if (x.phase === 'data_exploration' || x.phase === 'data_cleaning') relabel(x, 'a correlation matrix made to pick columns to drop');
    for (const x of rec.sigs) if (x.phase === 'data_exploration' || x.phase === 'data_cleaning') relabel(x, 'columns picked by their correlation');
    // (known, not a guess for its reader to settle: rules/used-for.ts)
    rec.sigs.push({ phase: 'feature_engineering', w: 1, ev: 'shape: columns picked by their correlation -> feature_engineering', src: 'shape' });
    state.selectionOutputs.add(bound[0]!);
    changed = true;
  }
  // any other reader (a heatmap, a display) decides that the matrix is looked at: it stays as it is
  for (const n of read) chains.delete(n);
  if (picked !== null) return changed;
  const plain = !rec.sigs.some((x) => KEEPS.has(x.phase) || x.src === 'user');
  if (before && bound.length === 1 && value && plain && [...valueNames!].every((n) => n === read[0] || !isData(n, scope))) {
    // upper = corr.where(np.triu(...)): still the matrix, waiting for what it is used for
    chains.set(bound[0]!, [...before, rec]);
    changed = true;
  } else if (bound.length === 1 && value && plain && rec.sigs.some((x) => x.src === 'kb' && CORR_EV_RE.test(x.ev))) {
    chains.set(bound[0]!, [rec]);
    changed = true;
  }
  return changed;
}

function isData(n: string, scope: Scope): boolean {
  const v = scope.get(n);
  return !!v && !v.mod && !v.fn && !v.ucls && v.taint !== 0;
}

/** What a statement reads for its values, as seen before it runs: selector outputs, and whether other data is read. */
export interface SelectionReads {
  outputs: number;
  otherData: boolean;
}

/** Before a top-level statement: how many of the values it reads are a selector's outputs, and whether it reads other data. */
export function selectionReadsBefore(st: StmtKind, scope: Scope, outputs: ReadonlySet<string>): SelectionReads | null {
  if (outputs.size === 0) return null;
  const names = statementValueNames(st);
  if (!names) return null;
  const r: SelectionReads = { outputs: 0, otherData: false };
  for (const n of names) {
    if (outputs.has(n)) r.outputs++;
    else {
      const v = scope.get(n);
      if (v && !v.mod && !v.fn && !v.ucls && v.taint !== 0) r.otherData = true;
    }
  }
  return r;
}

function relabel(x: Signal, why: string): void {
  Object.assign(x, { phase: 'feature_engineering', ev: `${x.ev.replace(/ -> \w+$/, '')} (${why}) -> feature_engineering` });
}

function boundNames(st: StmtKind): string[] {
  const out: string[] = [];
  if (st.k === 'assign') for (const t of st.targets) collectTargetNames(t as Expr, out);
  return out;
}

/**
 * After a top-level statement (`reads` from selectionReadsBefore): relabels what belongs to feature selection and
 * records in `outputs` the names it binds that are a selector's outputs. Returns whether a signal changed.
 */
export function trackFeatureSelection(st: StmtKind, rec: Rec, reads: SelectionReads | null, state: SelectionState, scope: Scope): boolean {
  const sigs = rec.sigs;
  const outputs = state.selectionOutputs;
  const valueNames = statementValueNames(st);
  let changed = trackCorrelationFilter(st, rec, valueNames, state, scope);
  if (trackImportancePicks(st, rec, valueNames, state, scope)) changed = true;
  const selects = sigs.some((x) => x.src === 'kb' && SELECTION_EV_RE.test(x.ev));
  // RFECV(estimator=LogisticRegression()): the estimator built for the selector is part of the selector
  if (sigs.some((x) => x.src === 'kb' && WRAPPING_SELECTOR_EV_RE.test(x.ev)))
    for (const x of sigs)
      if (x.phase === 'model_training' && x.src === 'kb') {
        relabel(x, "a feature selector's estimator");
        changed = true;
      }
  const onlyOutputs = reads !== null && reads.outputs > 0 && !reads.otherData;
  const plain = !sigs.some((x) => KEEPS.has(x.phase) || x.src === 'user');
  if (onlyOutputs && plain) {
    for (const x of sigs)
      if (RELABELLED.has(x.phase)) {
        relabel(x, "made of a feature selector's outputs");
        changed = true;
      }
    // (chi_df = pd.DataFrame({'feature': X.columns, 'chi2': scores}), subsets = {'RFECV': rfe_features, ...}: known
    // to be the selection's, not a guess for the next reader to settle, rules/used-for.ts)
    if (st.k === 'assign' && !sigs.some((x) => x.phase === 'feature_engineering' && !x.provisional)) {
      sigs.push({ phase: 'feature_engineering', w: 0.7, ev: "shape: made of a feature selector's outputs -> feature_engineering", src: 'shape' });
      changed = true;
    }
  }
  // X = X.drop(columns=low_var): the columns a selector rejected removed
  const d = outputs.size > 0 ? topDrop(st) : null;
  const dropped = d ? droppedName(d) : null;
  if (dropped !== null && outputs.has(dropped) && !sigs.some((x) => x.src === 'user'))
    for (const x of sigs)
      if (x.phase === 'data_cleaning') {
        relabel(x, 'columns rejected by a feature selector dropped');
        changed = true;
      }
  // (X_new = selector.fit_transform(X, y) is the data with the columns kept: data, as other features are)
  const transformed = st.k === 'assign' && st.value?.k === 'call' && st.value.fn.k === 'attr' && TRANSFORMS.has(st.value.fn.attr);
  if ((selects || (onlyOutputs && plain)) && !transformed) {
    for (const n of boundNames(st)) {
      outputs.add(n);
      const v = scope.get(n);
      if (v) scope.set(n, { ...v, origin: 'feature_engineering' });
    }
  }
  return changed;
}
