/** Labelling from the knowledge base: the signals of an API spec (with the dataflow of its receiver and arguments), the value it returns, and the literal parameters of training calls. */
import type { Expr } from '../ir.js';
import type { Spec } from '../knowledge.js';
import type { Phase } from '../phases.js';
import type { Val, SigPhase, UserFn, Ctx } from './model.js';
import { T_DATA, T_LABEL, T_MODEL, T_PRED, T_METRIC, EMPTY, roleTaint, phaseTaint } from './values.js';
import { PHASE_WEIGHT } from './signals.js';
import type { Engine } from './engine.js';
import { comparesWithTruth } from '../rules/truth-vs-predictions.js';

export function result(an: Engine, spec: Spec, recv: Val | null, args: Val[], q: string | null): Val {
  const r = spec.returns;
  if (r === null) return EMPTY;
  if (r === 'self') {
    const base = recv ?? EMPTY;
    const ph = spec.phases.find((p): p is Phase => p !== 'plot' && p !== 'display');
    const sum = (ph === 'data_exploration' && !(base.taint & (T_METRIC | T_PRED | T_MODEL))) || (ph === undefined && base.sum === true);
    return { ...base, lit: undefined, mod: false, origin: ph ?? base.origin, taint: base.taint | (ph && base.taint & T_MODEL ? phaseTaint(ph) : 0), sum: sum || undefined };
  }
  // zip(names, scores): every argument flows into the result (the scores keep their taint through dict(zip(...)))
  if (r === 'args') {
    const a = args[0] ?? EMPTY;
    return { ...a, lit: undefined, mod: false, taint: args.reduce((t, x) => t | (x.taint & (T_DATA | T_LABEL | T_PRED | T_METRIC)), a.taint), origin: args.find((x) => x.origin !== null)?.origin ?? null };
  }
  if (r === 'arg0') {
    const a = args[0] ?? EMPTY;
    return { ...a, lit: undefined, mod: false };
  }
  const role = an.kb.role(r);
  let taint = roleTaint(role);
  // model.predict(X) is predictions before it is bound to any name
  if (spec.phases.includes('prediction')) taint |= T_PRED;
  if (spec.phases.length === 0 || spec.phases.every((p) => p === 'plot')) for (const a of args) taint |= a.taint & (T_DATA | T_LABEL | T_PRED | T_METRIC);
  if (recv && (role === 'data' || role === null || role === 'figure') && spec.phases.length === 0) taint |= recv.taint & (T_DATA | T_LABEL | T_PRED | T_METRIC);
  else if (recv && role === 'data' && recv.taint & T_METRIC && !(recv.taint & T_PRED)) taint |= T_METRIC;
  // preds.astype(int) / preds.round(): transformed predictions are still predictions
  if (recv && (role === 'data' || role === 'pred' || role === null) && recv.taint & T_PRED && !(recv.taint & T_MODEL)) {
    taint |= T_PRED;
    // (probs > 0.5).astype(int).ravel() of predictions alone: predictions, not data (issue 13)
    if ((recv.taint & (T_DATA | T_LABEL)) === 0 && args.every((a) => (a.taint & (T_DATA | T_LABEL)) === 0)) taint &= ~(T_DATA | T_LABEL);
  }
  // pd.Series(decision) / np.array(preds): predictions alone wrapped in a container are predictions, not data
  if (!recv && spec.phases.length === 0 && role === 'data' && args.some((a) => a.taint & T_PRED) && args.every((a) => (a.taint & (T_DATA | T_LABEL | T_MODEL)) === 0)) taint &= ~(T_DATA | T_LABEL);
  // a summary (describe, isnull().sum(), value_counts) stays a summary through phase-neutral calls
  let origin: Phase | null = spec.phases[0] === 'data_exploration' && role === 'data' && !(recv && recv.taint & (T_METRIC | T_PRED | T_MODEL)) ? 'data_exploration' : null;
  if (!origin && spec.phases.length === 0 && recv && recv.sum && (role === 'data' || role === null)) origin = 'data_exploration';
  let sum = origin !== null;
  if (!origin && spec.phases.length === 0 && !recv && args.length > 0 && (role === 'data' || role === null) && args.every((a) => a.origin === 'data_exploration')) {
    origin = 'data_exploration';
    sum = args.every((a) => a.sum);
  }
  // pd.concat([total, percent], axis=1, keys=['Total', 'Percent']): summaries joined are a table of summaries
  if (!origin && !recv && args[0]?.items !== undefined && args[0].sum === true && args.every((a) => a.sum || a.lit !== undefined)) {
    origin = 'data_exploration';
    sum = true;
  }
  // pd.DataFrame(X_enc, columns=enc.get_feature_names_out()): features wrapped in a frame are still the features made
  if (!origin && spec.phases.length === 0 && !recv && role === 'data' && args[0] && args[0].taint & T_DATA && args[0].origin === 'feature_engineering') origin = 'feature_engineering';
  return origin ? { ...EMPTY, t: r, q, taint, origin, sum: sum || undefined } : { ...EMPTY, t: r, q, taint };
}

export function emit(an: Engine, spec: Spec, name: string, ctx: Ctx, mult: number, args: Val[], recv: Val | null): void {
  for (const p of spec.phases) {
    if (p === 'display') continue;
    if (p === 'plot') {
      let taint = 0;
      for (const a of args) taint |= a.taint | phaseTaint(a.origin);
      if (recv) taint |= recv.taint | (an.kb.role(recv.t) !== 'figure' ? phaseTaint(recv.origin) : 0);
      // every figure is visualization, whether it shows raw data or results (issue 13: the coarse classes of
      // the notebook benchmarks put plots of data under Visualization, not Data Preparation)
      const ph: SigPhase = 'visualization';
      void taint;
      ctx.sigs.push({ phase: ph, w: 0.85 * mult, ev: `${name} -> ${ph}`, src: 'kb' });
      continue;
    }
    let ph: Phase = p;
    if (p === 'data_exploration' && recv && recv.taint & T_METRIC && !(recv.taint & T_DATA && !(recv.taint & T_METRIC))) ph = 'model_evaluation';
    // pd.DataFrame(search.cv_results_)[['params', 'mean_test_score']].head(): the scores of a search looked at (rules/sweep-results.test.ts)
    if (p === 'data_exploration' && ph === 'model_evaluation' && recv?.origin === 'hyperparameter_tuning') ph = 'hyperparameter_tuning';
    if (recv && recv.taint & T_PRED && !(recv.taint & T_DATA) && (p === 'data_cleaning' || p === 'feature_engineering' || p === 'data_exploration')) ph = 'prediction';
    // pd.crosstab(y_va, va_pred) / per.groupby('true')['correct'].mean(): predictions looked at next to the truth (rules/truth-vs-predictions.ts)
    if (p === 'data_exploration' && comparesWithTruth(name, recv, args)) ph = 'model_evaluation';
    // np.clip(preds, 0, None), np.round(pred), np.where(proba > t, 1, 0): the predictions post-processed (no receiver)
    if (!recv && args.length > 0 && args[0]!.taint & T_PRED && !(args[0]!.taint & (T_DATA | T_METRIC)) && (p === 'data_cleaning' || p === 'feature_engineering' || p === 'data_exploration')) ph = 'prediction';
    // tf.nn.softmax(model(X_test)) outside a training loop: an activation of a model's outputs, not a layer being built
    if (!recv && p === 'model_training' && ctx.loopVars.size === 0 && args.length > 0 && (args[0]!.taint & (T_PRED | T_DATA | T_LABEL | T_METRIC | T_MODEL)) === T_PRED) ph = 'prediction';
    if (recv && recv.sum && (p === 'data_cleaning' || p === 'feature_engineering') && !(recv.taint & (T_PRED | T_MODEL))) ph = 'data_exploration';
    if (!recv && (p === 'data_cleaning' || p === 'feature_engineering') && args.length > 0 && args.every((a) => a.origin === 'data_exploration' || a.lit !== undefined) && args.some((a) => a.origin === 'data_exploration'))
      ph = 'data_exploration';
    // vect.get_feature_names_out(): names of features, not features; what they are for is told by their reader
    // (vocab[order[:20]] ranked by coefficients: model_evaluation), feature engineering when none tells (rules/used-for.ts)
    const names = ph === 'feature_engineering' && FEATURE_NAMES_RE.test(name);
    ctx.sigs.push({ phase: ph, w: PHASE_WEIGHT[ph] * mult, ev: `${name} -> ${ph}`, src: 'kb', ...(names ? { provisional: true } : {}) });
  }
}

const FEATURE_NAMES_RE = /\.(get_feature_names(_out)?|classes_)$/;

export function collectParams(an: Engine, e: Extract<Expr, { k: 'call' }>, args: Val[], kw: [string, Val][], callee: string, user: UserFn | null, ctx: Ctx): void {
  const line = e.line + ctx.offset + 1;
  const push = (pname: string | null, v: Val): void => {
    if (v.lit === undefined) return;
    if (typeof v.lit === 'object' && !Array.isArray(v.lit)) {
      for (const [k, x] of Object.entries(v.lit)) an.params.push({ name: k, value: x, line, cell: ctx.cell, call: callee });
      return;
    }
    an.params.push({ name: pname, value: v.lit, line, cell: ctx.cell, call: callee });
  };
  const userParams = user ? user.params.filter((p) => p.name !== 'self') : null;
  const callPhase: Phase = /search|optuna|hyperopt|Search/.test(callee) ? 'hyperparameter_tuning' : 'model_training';
  for (const a of [...e.args, ...e.kw.map((k) => k[1]), ...e.splat]) if (a.k === 'name') ctx.constUses.push({ name: a.id, phase: callPhase });
  args.forEach((a, i) => {
    if (i >= e.args.length) {
      push(null, a); // **splat
      return;
    }
    push(userParams?.[i]?.name.replace(/^\*+/, '') ?? null, a);
  });
  for (const [k, v] of kw) push(k, v);
}
