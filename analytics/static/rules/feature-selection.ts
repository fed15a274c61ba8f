/**
 * What a feature selector produces (issue 13, corpus README: feature selection is feature_engineering): the selector
 * (`rfecv = RFECV(estimator=LogisticRegression(), cv=5)`, `SelectFromModel(ExtraTreesClassifier())`, its estimator only
 * a part of it), its scores (`chi_scores, p_values = chi2(X, y)`, `mi = mutual_info_classif(X, y)`), the columns it
 * keeps or rejects (`X.columns[rfecv.support_]`, `X.columns[~vt.get_support()]`) and what is made of those alone
 * (`pd.Series(mi, index=X.columns).sort_values()`, `print('Optimal number of features:', rfecv.n_features_)`,
 * `chi_df.head(10)`) are feature selection, not a look at the data nor an evaluation; and so is the drop of the
 * columns it rejected (`X = X.drop(columns=low_var)`). Statements that also train, predict or draw keep their phases.
 */
import type { Expr, StmtKind } from '../ir.js';
import type { Signal, Scope } from '../labeller/model.js';
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
export function trackFeatureSelection(st: StmtKind, sigs: Signal[], reads: SelectionReads | null, outputs: Set<string>, scope: Scope): boolean {
  let changed = false;
  const selects = sigs.some((x) => x.src === 'kb' && SELECTION_EV_RE.test(x.ev));
  // RFECV(estimator=LogisticRegression()): the estimator built for the selector is part of the selector
  if (sigs.some((x) => x.src === 'kb' && WRAPPING_SELECTOR_EV_RE.test(x.ev)))
    for (const x of sigs)
      if (x.phase === 'model_training' && x.src === 'kb') {
        relabel(x, "a feature selector's estimator");
        changed = true;
      }
  const onlyOutputs = reads !== null && reads.outputs > 0 && !reads.otherData;
  const plain = sigs.length > 0 && !sigs.some((x) => KEEPS.has(x.phase) || x.src === 'user');
  if (onlyOutputs && plain)
    for (const x of sigs)
      if (RELABELLED.has(x.phase)) {
        relabel(x, "made of a feature selector's outputs");
        changed = true;
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
