/**
 * Summaries of a model's results (issue 13): `incoming['predicted_product'].value_counts()` after the column was
 * filled with predictions, `profile['child_mort'].idxmax()` of a per-cluster profile made to evaluate the clustering,
 * `worst = per_breed.groupby('true')['correct'].mean()` of a frame of true and predicted classes: the same pandas
 * summaries that explore raw data here look at what a model produced, so they are model_evaluation, not
 * data_exploration. Only when every data value read comes from those phases.
 *
 * Tables of an evaluation reshaped (issue 13, model explanation): `imp = imp.sort_values('gain').reset_index()`,
 * `imp['cumulative'] = imp['gain'].cumsum()`, `pd.concat([shap_rank, perm_rank], axis=1)`, `pd.DataFrame(scores).set_index('model')`
 * of importances, SHAP values or scores: the pandas steps that clean or derive data elsewhere here only rearrange
 * what evaluating the model produced: model_evaluation. Only when every data value read is an evaluation's result
 * (not predictions: `preds = np.expm1(preds)` stays what it is); a frame read only for its labels (`index=X.columns`) is not data.
 */
import type { Expr, StmtKind } from '../ir.js';
import type { Phase } from '../phases.js';
import type { Signal, Scope } from '../labeller/model.js';
import { attrRoot } from '../labeller/expr-utils.js';

const RESULT_PHASES: ReadonlySet<Phase> = new Set(['prediction', 'model_evaluation']);
const RESHAPING_PHASES: ReadonlySet<string> = new Set(['data_exploration', 'data_cleaning', 'feature_engineering']);
/** attributes that read a frame's labels or size, not its values */
const LABEL_ATTRS: ReadonlySet<string> = new Set(['columns', 'index', 'shape', 'dtypes']);

/** names the statement binds (assignment targets that are plain names) */
function boundNames(st: StmtKind): string[] {
  return st.k === 'assign' ? st.targets.flatMap((t) => (t.k === 'name' ? [t.id] : [])) : [];
}

/** names read for their values: every name of the expression except those only under `.columns` / `.index` */
function valueNames(e: Expr, out: Set<string>): void {
  switch (e.k) {
    case 'name':
      out.add(e.id);
      return;
    case 'attr':
      if (!(LABEL_ATTRS.has(e.attr) && e.obj.k === 'name')) valueNames(e.obj, out);
      return;
    case 'call':
      for (const x of [e.fn, ...e.args, ...e.kw.map(([, v]) => v), ...e.splat]) valueNames(x, out);
      return;
    case 'sub':
      for (const x of [e.obj, ...e.idx]) valueNames(x, out);
      return;
    case 'bin':
      valueNames(e.l, out);
      valueNames(e.r, out);
      return;
    case 'unary':
      valueNames(e.e, out);
      return;
    case 'cmp':
    case 'seq':
      for (const x of e.items) valueNames(x, out);
      return;
    case 'str':
    case 'comp':
    case 'slice':
    case 'other':
      for (const x of e.parts) valueNames(x, out);
      return;
    case 'dict':
      for (const x of [...e.vals, ...e.keys]) if (x) valueNames(x, out);
      return;
    case 'lambda':
      valueNames(e.body, out);
      return;
    default:
      return;
  }
}

/** the names of an assignment's value and subscripted targets, or of an expression statement, read for their values */
export function statementValueNames(st: StmtKind): Set<string> | null {
  const out = new Set<string>();
  if (st.k === 'expr') valueNames(st.e, out);
  else if (st.k === 'assign' && st.value) {
    valueNames(st.value, out);
    for (const t of st.targets) if (t.k !== 'name') valueNames(t, out);
  } else return null;
  return out;
}

/**
 * Before a top-level statement runs: the origins of the data values it reads for their values (`imp` in
 * `imp = imp.sort_values('gain')` still the evaluation's table), null for statements other than assignments and expressions.
 */
export function originsBefore(st: StmtKind, scope: Scope): Map<string, Phase> | null {
  const names = statementValueNames(st);
  if (!names) return null;
  const out = new Map<string, Phase>();
  for (const n of names) {
    const v = scope.get(n);
    if (!v || v.mod || v.fn || v.ucls || v.taint === 0) continue;
    out.set(n, v.origin ?? 'data_exploration');
  }
  return out;
}

/**
 * After a top-level statement: exploration signals over values that are only a model's results become the phase of
 * those results, and so do cleaning or derivation signals over values that were only an evaluation's results before
 * it (`before`, from originsBefore); the names it binds take that phase too. `reads`: the names the statement read.
 */
export function relabelResultSummaries(st: StmtKind, sigs: Signal[], reads: ReadonlySet<string>, scope: Scope, before: ReadonlyMap<string, Phase> | null): void {
  // (shap_imp = pd.Series(np.abs(sv).mean(axis=0), index=X.columns): nothing else says what a value made only of an
  // evaluation's results is)
  const made = sigs.length === 0 && st.k === 'assign' && !!before && before.size > 0 && [...before.values()].every((p) => p === 'model_evaluation');
  if (made) sigs.push({ phase: 'model_evaluation', w: 0.7, ev: 'shape: a value made -> model_evaluation', src: 'shape' });
  if (sigs.length === 0) return;
  const summary = !made && sigs.every((x) => x.phase === 'data_exploration') && summarisesResults(st, reads, scope);
  const reshaping = made || (!summary && reshapesEvaluation(sigs, before));
  if (!summary && !reshaping) return;
  // (a summary of predictions looks at what the model does: evaluation, like a profile of the clusters it found)
  const phase: Phase = 'model_evaluation';
  for (const x of sigs) Object.assign(x, { phase, ev: `${x.ev.replace(/ -> \w+$/, '')} (of a model's results) -> ${phase}` });
  // (a table rearranged is known to be the evaluation's: not a guess for its later uses to settle; imp['cumulative'] = ...
  // keeps imp the evaluation's table)
  if (reshaping) for (const x of sigs) delete x.provisional;
  const roots = reshaping && st.k === 'assign' ? st.targets.flatMap((t) => (t.k === 'sub' ? [attrRoot(t)] : [])) : [];
  for (const n of [...boundNames(st), ...roots]) {
    if (n === null) continue;
    const v = scope.get(n);
    if (v) scope.set(n, { ...v, origin: phase });
  }
}

/** every data value read (not rebound here) comes from prediction or evaluation */
function summarisesResults(st: StmtKind, reads: ReadonlySet<string>, scope: Scope): boolean {
  const bound = new Set(boundNames(st));
  const origins: Phase[] = [];
  for (const n of reads) {
    const v = bound.has(n) ? undefined : scope.get(n);
    if (!v || v.mod || v.fn || v.ucls || v.taint === 0) continue;
    origins.push(v.origin ?? 'data_exploration');
  }
  return origins.length > 0 && origins.every((p) => RESULT_PHASES.has(p));
}

/** cleaning / derivation signals over values that were all an evaluation's results */
function reshapesEvaluation(sigs: readonly Signal[], before: ReadonlyMap<string, Phase> | null): boolean {
  if (!before || before.size === 0 || !sigs.every((x) => RESHAPING_PHASES.has(x.phase))) return false;
  return [...before.values()].every((p) => p === 'model_evaluation');
}
