/** Interprocedural summaries: a user function's phases (from its body, once, recursion-safe), a class's phases (its methods and base), and the primary phase a call keeps. */
import type { Param, Stmt } from '../ir.js';
import type { Phase } from '../phases.js';
import { Scope, type UserFn, type UserClass, type Ctx, type Val } from './model.js';
import { T_DATA, T_LABEL, T_MODEL, T_PRED, T_METRIC, EMPTY, roleTaint, phaseTaint } from './values.js';
import { EVAL_FN_RE, CLEAN_FN_RE, nameVal } from './names.js';
import { hasAny, phaseWeights, PLOT_EV_RE, SECONDARY_RATIO } from './signals.js';
import type { Engine } from './engine.js';
import { isTextRewriter } from '../rules/text-helpers.js';
import { isModelStep } from '../rules/helper-roles.js';
import { refersTo } from './expr-utils.js';
import { fitsPredictsScores } from '../rules/train-evaluate-helpers.js';
import { printsStatistics } from '../rules/printed-statistics.js';

export function defineFunction(an: Engine, name: string, params: Param[], body: Stmt[], scope: Scope, cell: number | null, offset: number, start: number, end: number, cls: UserClass | null): UserFn {
  const uf: UserFn = {
    key: `${name}#${an.fnCounter++}`,
    name,
    params,
    body,
    scope,
    cell,
    offset,
    start,
    end,
    cls,
    state: 'new',
    phases: [],
    ret: EMPTY,
    records: [],
    defRec: null,
    callers: [],
    external: false,
  };
  an.fns.push(uf);
  return uf;
}

/** a helper named for predicting: knn_predict, predict_sentiment, predict (not prediction_frame) */
const PREDICT_FN_RE = /(^|_)predict(_|$)/i;
/** phases of a body that only prepares or looks at data */
const DATA_PHASES: ReadonlySet<Phase> = new Set(['data_cleaning', 'feature_engineering', 'data_exploration', 'data_splitting']);

/** Analyses a user function's body once (lazily, at its first call or at the end of the file). */
export function summarize(an: Engine, uf: UserFn): void {
  an.impure = true;
  if (uf.state !== 'new') return;
  uf.state = 'busy';
  const local = new Scope(uf.scope);
  // def softmax(scores) / def sigmoid(logits): a step of a model, whose scores are its raw outputs, not metrics
  const modelStep = isModelStep(uf.name);
  for (const [i, p] of uf.params.entries()) {
    const pname = p.name.replace(/^\*+/, '');
    if (pname === 'self' && uf.cls) {
      local.set(pname, { ...EMPTY, t: uf.cls.baseType, q: uf.cls.baseQ, inst: uf.cls, taint: roleTaint(an.kb.role(uf.cls.baseType)) });
      continue;
    }
    local.set(pname, paramKind(pname, uf.cls ? undefined : uf.argKinds?.[i], modelStep));
  }
  const savedTrained = an.trained;
  for (const s of uf.body) an.statement(s, local, uf, uf.cell, uf.offset, new Set());
  an.trained = savedTrained;
  // summary phases: weighted by each statement's own signals
  const acc = new Map<Phase, number>();
  for (const r of uf.records) {
    // an import inside the body (import time) is not what the function is for
    const w = phaseWeights(r.sigs.filter((x) => !(x.phase === 'setup' && x.ev.startsWith('import '))));
    let tot = 0;
    for (const v of w.values()) tot += v;
    if (tot <= 0) continue;
    for (const [p, v] of w) if (p !== 'other') acc.set(p, (acc.get(p) ?? 0) + v / Math.max(1, tot) * Math.min(3, tot));
  }
  // plots whose data could not be typed (plt.title, plt.show) go with the function's typed plots
  const vis = acc.get('visualization') ?? 0;
  if (vis > 0) {
    let typedVis = false;
    let explPlot = false;
    for (const r of uf.records)
      for (const x of r.sigs) {
        if (x.phase === 'visualization') typedVis = true;
        else if (x.phase === 'data_exploration' && x.src === 'kb' && PLOT_EV_RE.test(x.ev)) explPlot = true;
      }
    if (explPlot && !typedVis) {
      acc.delete('visualization');
      acc.set('data_exploration', (acc.get('data_exploration') ?? 0) + vis);
    } else if (typedVis && uf.records.some(draws)) {
      // def run_model(...): fit, print scores, then plot_cm(...): a helper with a drawing step makes a figure at
      // every call, however many statements do the rest (the calling cell is a plotting cell too)
      let top = 0;
      for (const x of acc.values()) top = Math.max(top, x);
      acc.set('visualization', Math.max(vis, top * 0.75));
      // def kde_target(var, df): ... sns.kdeplot(...); print('correlation %0.4f' % corr): it shows statistics too (rules/printed-statistics.ts)
      if (printsStatistics(uf.records)) acc.set('data_exploration', Math.max(acc.get('data_exploration') ?? 0, Math.max(vis, top * 0.75) * 0.8));
    }
  }
  // def rmsle_cv(model) / def smape(preds, target) / def clean_text(text): the name says what the body is for
  // def normalise(text): ... return re.sub(r'\s+', ' ', text).strip(): text rewritten, cleaned (rules/text-helpers.ts)
  const cleansText = !uf.cls && !EVAL_FN_RE.test(uf.name) && isTextRewriter(uf.params, uf.body);
  // def knn_predict(X_ref, y_ref, X_query, k) / def predict_sentiment(model, sentence): a helper named for predicting
  // whose body only shapes data (distances, votes, a tensor of token ids for an untyped model) predicts
  const predicts = !uf.cls && PREDICT_FN_RE.test(uf.name) && acc.size > 0 && [...acc.keys()].every((p) => DATA_PHASES.has(p));
  const nameBonus: Phase | null = EVAL_FN_RE.test(uf.name) ? 'model_evaluation' : CLEAN_FN_RE.test(uf.name) || cleansText ? 'data_cleaning' : predicts ? 'prediction' : null;
  if (nameBonus) {
    let top = 0;
    for (const x of acc.values()) top = Math.max(top, x);
    acc.set(nameBonus, Math.max(acc.get(nameBonus) ?? 0, top * 2.1, 1));
  }
  // def run_model(model, ...): fit, predict, print scores: training and prediction at every call too (rules/train-evaluate-helpers.ts)
  if (!uf.cls && fitsPredictsScores(uf.records)) {
    let top = 0;
    for (const x of acc.values()) top = Math.max(top, x);
    for (const p of ['model_training', 'prediction'] as const) acc.set(p, Math.max(acc.get(p) ?? 0, top * 0.75));
  }
  // def predict_image(path): img = cv2.imread(path) ... return labels[np.argmax(model.predict(img))]: a helper whose
  // result is a model's predictions predicts, however many statements prepare its input
  if (!nameBonus && !uf.cls && returnsPredictions(uf, local)) {
    let top = 0;
    for (const x of acc.values()) top = Math.max(top, x);
    acc.set('prediction', Math.max(acc.get('prediction') ?? 0, top * 1.2));
  }
  // a function that is only setup/other has no phase of its own
  let phases = [...acc.entries()].sort((a, b) => b[1] - a[1]);
  if (phases.length > 1) phases = phases.filter(([p]) => p !== 'setup');
  uf.phases = phases;
  // statements without a signal inherit the function's main phase
  const main = phases[0]?.[0];
  if (main) {
    for (const r of uf.records) {
      if (!hasAny(r.sigs)) r.sigs.push({ phase: main, w: 0.5, ev: `inside ${uf.name}() -> ${main}`, src: 'inherit' });
    }
  }
  if (uf.ret !== EMPTY && main) {
    uf.ret = { ...uf.ret, origin: uf.ret.origin ?? main, taint: uf.ret.taint | phaseTaint(main) };
  } else if (main) uf.ret = { ...EMPTY, origin: main, taint: phaseTaint(main) | (main === 'data_loading' || main === 'data_cleaning' || main === 'feature_engineering' ? T_DATA : 0) };
  uf.state = 'done';
}

/**
 * The body calls a model to predict and the function returns what it predicted, or a value read from it
 * (`return labels[np.argmax(probs)]`, `return prob.item()`), not scores of it.
 */
function returnsPredictions(uf: UserFn, local: Scope): boolean {
  if (!uf.records.some((r) => r.sigs.some((x) => x.src === 'kb' && x.phase === 'prediction'))) return false;
  if (uf.ret.taint & T_METRIC) return false;
  if (uf.ret.taint & T_PRED) return true;
  const preds = new Set<string>();
  for (const [n, v] of local.vars) if (v.taint & T_PRED && !(v.taint & T_METRIC)) preds.add(n);
  const returned = (body: readonly Stmt[]): boolean =>
    body.some(({ s: st }) => (st.k === 'return' && st.e !== null && refersTo(st.e, preds)) || (st.k === 'block' && returned(st.body)));
  return preds.size > 0 && returned(uf.body);
}

/**
 * A parameter's value inside the body: what its name says, else the kind (data, labels, model, predictions) of the
 * argument the first caller passed (ridge_fit(X_tr, y_tr, lam) -> def ridge_fit(A, b, lam): b holds labels).
 */
function paramKind(pname: string, arg: Val | undefined, modelStep: boolean): Val {
  const nv = nameVal(pname);
  if (modelStep && nv.taint === T_METRIC) return EMPTY;
  // def cap_outliers(frame, cols) called with a DataFrame: the data parameter has the argument's type too, so its
  // methods resolve (frame[c].clip(...)) and a returned frame stays a DataFrame for the caller (water.boxplot())
  if (nv !== EMPTY && nv.taint === T_DATA && nv.t === null && arg?.t && arg.taint & T_DATA && !arg.mod && !arg.fn) return { ...nv, t: arg.t };
  if (nv !== EMPTY && nv.taint !== 0) return nv;
  const taint = (arg?.taint ?? 0) & (T_DATA | T_LABEL | T_MODEL | T_PRED);
  return taint !== 0 && !arg?.mod && !arg?.fn ? { ...EMPTY, t: arg!.t, taint } : nv;
}

export function classPhases(an: Engine, uc: UserClass): [Phase, number][] {
  const acc = new Map<Phase, number>();
  for (const m of uc.methods.values()) {
    an.summarize(m);
    for (const [p, w] of m.phases) acc.set(p, (acc.get(p) ?? 0) + w);
  }
  if (uc.baseType) {
    const cs = an.kb.construct(uc.baseType);
    for (const p of cs?.phases ?? []) if (p !== 'plot' && p !== 'display') acc.set(p, (acc.get(p) ?? 0) + 2);
  }
  return [...acc.entries()].sort((a, b) => b[1] - a[1]);
}

export function keepUserPrimary(an: Engine, fname: string, ctx: Ctx): void {
  const fv = ctx.scope.get(fname);
  const uf = fv?.fn;
  const primary = uf?.phases[0]?.[0];
  if (!uf || !primary || primary === 'other' || primary === 'setup') return;
  const w = phaseWeights(ctx.sigs);
  const pw = w.get(primary) ?? 0;
  if (pw <= 0) return;
  let top = 0;
  for (const [p, x] of w) if (p !== primary && x > top) top = x;
  if (top < pw) return;
  const scale = (pw * 0.9) / top;
  for (const s of ctx.sigs) if (s.phase !== primary) s.w *= scale;
}

/** A body statement labelled visualization (among its phases): it draws (plt.show(), sns.heatmap(cm), plot_cm(...)). */
function draws(r: { sigs: Parameters<typeof phaseWeights>[0] }): boolean {
  const w = phaseWeights(r.sigs);
  const vis = w.get('visualization') ?? 0;
  if (vis <= 0) return false;
  for (const x of w.values()) if (vis < x * SECONDARY_RATIO) return false;
  return true;
}
