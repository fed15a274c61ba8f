/** Compound statements (for, while, with, try, if): body statements vote for the block; loops over candidates are tuning. */
import type { Expr, Stmt } from '../ir.js';
import type { Phase } from '../phases.js';
import type { Val, Signal, Rec, Ctx } from './model.js';
import { T_DATA, T_MODEL, T_METRIC, T_LABEL, T_PRED, EMPTY } from './values.js';
import { LOAD_FN_RE } from './names.js';
import { hasAny, phaseWeights, SECONDARY_RATIO } from './signals.js';

/** evidence of a statement that only shows values (print, display, a bare expression) */
/** (and of values kept in a container: train_losses.append(running / n), labeller/statement.ts) */
const DISPLAY_EV_RE = /^display of |^shape: \w+ kept in a container -> /;
/** evidence of a loss or a metric computed (criterion(out, y), a Loss module called): a loop body that measures the model */
const MEASURE_EV_RE = /Loss\b|(^|[._])(loss|criterion)\w*\(|Metric\b/;
import { attrRoot, collectTargetNames, mentions } from './expr-utils.js';
import type { Engine } from './engine.js';
import { isFileListingLoop } from '../rules/file-listing.js';
import { isCandidateGrid, isLiteralValues, keysOfColumns } from '../rules/candidates.js';
import { isPlotting, onlyPicks } from '../rules/plot-only.js';
import { headServesFigure } from '../rules/drawn-chains.js';
import { refittedInLoop } from '../rules/iterative-fit.js';
import { servingStatistics } from '../rules/block-statistics.js';
import { isPassLoop, keepCheckpointScores } from '../rules/checkpoint-best.js';
import { calleesGiven, isCandidateRange, namesCandidate } from '../rules/user-sweeps.js';

export function unknownCallFallback(an: Engine, ctx: Ctx, target: string | null): void {
  if (hasAny(ctx.sigs)) return;
  const c = ctx.unknownCalls.find((x) => LOAD_FN_RE.test(x));
  if (c) {
    ctx.sigs.push({ phase: 'data_loading', w: 0.8, ev: `${c}(...) (loader by name) -> data_loading`, src: 'name' });
    return;
  }
  void target;
}

export function block(an: Engine, kind: string, heads: Expr[], targets: Expr[], body: Stmt[], ctx: Ctx, rec: Rec, loopVars: Set<string>): void {
  let iterVal: Val = EMPTY;
  for (const h of heads) iterVal = an.expr(h, ctx, 0.8, false);
  const headEnd = ctx.sigs.length;
  const innerLoop = new Set(loopVars);
  const isLoop = kind === 'for' || kind === 'while';
  let literalCandidates = false;
  let sweptCandidates = false;
  let splitIter = false;
  if (kind === 'for') {
    const names: string[] = [];
    for (const t of targets) collectTargetNames(t, names);
    splitIter = iterVal.t === 'Split' || ctx.sigs.some((s) => s.phase === 'data_splitting');
    if (!splitIter) for (const n of names) innerLoop.add(n);
    literalCandidates = heads.some((h) => isLiteralValues(h) && !keysOfColumns(h, names, body)); // (not columns: for col in ['a', 'b']: grp[col])
    // for lam in lams (lams = [0.1, 1, 10]) / np.logspace(...) / [{'C': 1}, ...]: candidates if the body trains and scores
    sweptCandidates = heads.some((h) => isCandidateGrid(h) || (h.k === 'name' && Array.isArray(iterVal.lit) && iterVal.lit.length > 1 && iterVal.lit.every((x) => typeof x === 'number')));
    const loopVal = (v: Val): Val => splitIter ? { ...EMPTY, t: 'Split', taint: T_DATA, origin: 'data_splitting' } : v.taint & T_MODEL ? { ...EMPTY, taint: T_MODEL } : { ...EMPTY, taint: v.taint & (T_DATA | T_METRIC) };
    // for ax, i in zip(axes, worst): each target takes the values of its own argument of zip
    const h = heads[0];
    const t0 = targets[0];
    if (heads.length === 1 && targets.length === 1 && t0?.k === 'seq' && h?.k === 'call' && h.fn.k === 'name' && h.fn.id === 'zip' && !ctx.scope.get('zip') && h.args.length === t0.items.length && h.splat.length === 0)
      t0.items.forEach((it, i) => {
        const av = an.expr(h.args[i]!, an.newCtx(ctx.scope, ctx.fn, ctx.line, ctx.cell, ctx.offset, ctx.loopVars), 0, false);
        // (for t, p in zip(y_test, y_hat): the items are labels and predictions, as their sequences are)
        const lv = loopVal(av);
        an.bind(it, null, lv.t === 'Split' || lv.taint & T_MODEL ? lv : { ...lv, taint: lv.taint | (av.taint & (T_LABEL | T_PRED)) }, null, ctx);
      });
    else for (const t of targets) an.bind(t, null, loopVal(iterVal), null, ctx);
  } else {
    for (const t of targets) an.bind(t, null, iterVal, null, ctx);
  }
  if (kind === 'while') innerLoop.add('__while__');
  const bodyRecs: Rec[] = [];
  const savedLen = ctx.fn ? ctx.fn.records.length : 0;
  const savedMut = an.parentMutated;
  an.parentMutated = ctx.mutated;
  const recAt: (Rec | null)[] = [];
  for (const s of body) {
    const r = an.statement(s, ctx.scope, ctx.fn, ctx.cell, ctx.offset, isLoop ? innerLoop : loopVars);
    recAt.push(r);
    if (r) bodyRecs.push(r);
  }
  an.parentMutated = savedMut;
  // centers re-estimated from the data's distances to them, pass after pass: a fitting loop (rules/iterative-fit.ts)
  const refits = isLoop && refitLoop(an, kind, heads, body, recAt, ctx);
  // body statements of a block are not separate records of the function
  if (ctx.fn) ctx.fn.records.length = savedLen;
  for (const r of bodyRecs) an.enclosing.set(r.sigs, ctx.sigs);
  const bodySigs: Signal[] = [];
  for (const r of bodyRecs) bodySigs.push(...r.sigs);
  const gradient = bodySigs.some((s) => s.src === 'shape' && s.phase === 'model_training' && /updated/.test(s.ev));
  const tuning = bodySigs.some((s) => s.phase === 'hyperparameter_tuning' && s.src === 'shape') || (kind === 'for' && sweepsUserModels(heads, targets, body, bodySigs, ctx, literalCandidates || sweptCandidates)) ||
    (kind === 'for' && literalCandidates && bodySigs.some((s) => s.phase === 'model_training' && (s.src === 'kb' || s.src === 'user'))) ||
    (kind === 'for' && sweptCandidates && bodySigs.some((s) => s.phase === 'model_training' && (s.src === 'kb' || s.src === 'user')) &&
      bodySigs.some((s) => s.phase === 'model_evaluation' && s.src !== 'inherit'));
  // a loop that trains (backward/step, fit, a user training function, a gradient update) logs its progress: a body
  // statement that only shows values (print(epoch, loss.item())) is part of the training, not an evaluation
  const trains = isLoop && (gradient || bodySigs.some((s) => s.phase === 'model_training' && (s.src === 'kb' || s.src === 'user')));
  // each body statement votes once for its own phases (a constructor plus fit is not twice the evidence of a predict)
  const votesFrom = ctx.sigs.length;
  // for c in cols: q1 = df[c].quantile(0.25) ... df = df[df[c] >= q1 - 1.5 * iqr]: statistics the body computes for
  // its own cleaning or features are not exploration (rules/block-statistics.ts)
  const serving = isLoop ? servingStatistics(body, recAt) : new Set<Rec>();
  let trainingVotes = 0;
  const seenPhase = new Set<Phase>();
  for (const r of bodyRecs) {
    if (r.loop) rec.loop = true;
    if (trains && r.sigs.length > 0 && r.sigs.every((x) => DISPLAY_EV_RE.test(x.ev))) continue;
    const w = phaseWeights(r.sigs.filter((x) => !(gradient && x.src === 'shape' && x.phase === 'model_evaluation') && x.src !== 'inherit'));
    let top = 0;
    for (const x of w.values()) top = Math.max(top, x);
    if (top <= 0) continue;
    for (const [p, x] of w) {
      if (x < top * SECONDARY_RATIO || (p === 'data_exploration' && serving.has(r))) continue;
      const best = r.sigs.filter((y) => y.phase === p || (p === 'visualization' && y.phase === 'plot?')).sort((a, b) => b.w - a.w)[0];
      let vote = (x / top) * Math.min(1.5, Math.max(0.6, top)) * (seenPhase.has(p) ? 0.3 : 1);
      seenPhase.add(p);
      if (tuning && (p === 'model_training' || p === 'model_evaluation' || p === 'prediction')) {
        trainingVotes += vote;
        vote *= 0.4;
      }
      ctx.sigs.push({ phase: best?.phase ?? p, w: vote, ev: best?.ev ?? `loop body -> ${p}`, src: best?.src ?? 'shape' });
    }
  }
  if (refits) for (let i = votesFrom; i < ctx.sigs.length; i++) if (ctx.sigs[i]!.phase !== 'model_training') ctx.sigs[i]!.w *= 0.3;
  // for _ in range(24): x = np.array(window[-LOOKBACK:])[None, :, None]; yhat = model.predict(x); window.append(yhat):
  // a loop that only predicts (no fit, no gradient step, no score) builds each input for its predict: no features of its own
  const predicts = isLoop && !tuning && !gradient && !refits && bodySigs.some((x) => x.phase === 'prediction' && x.src === 'kb') &&
    !bodySigs.some((x) => (x.phase === 'model_evaluation' && x.src !== 'inherit') || (x.phase === 'model_training' && (x.src === 'kb' || x.src === 'user') && !CONTAINER_EV_RE.test(x.ev)));
  if (predicts)
    for (let i = votesFrom; i < ctx.sigs.length; i++) {
      const x = ctx.sigs[i]!;
      if (x.phase === 'feature_engineering' || x.phase === 'data_cleaning' || x.phase === 'model_training') x.w *= 0.2;
    }
  // for tr_idx, va_idx in skf.split(X, y): fit ...: the folds serve the cross-validation the body runs, no split of its own
  if (splitIter && trains) for (let i = headEnd - 1; i >= 0; i--) if (ctx.sigs[i]!.phase === 'data_splitting') ctx.sigs.splice(i, 1);
  // with torch.no_grad(): / torch.inference_mode(): nothing inside learns; a loss computed there measures the model,
  // and when the outputs are compared with labels there (correct += (out.argmax(1) == y).sum().item()) the forward
  // passes serve that evaluation: no prediction of their own. Forward passes there that measure nothing (no loss, no
  // comparison, no metric: all_probs.append(F.softmax(net(xb), dim=1))) only produce outputs: prediction
  if (kind === 'with' && heads.some((h) => mentions(h, /^(no_grad|inference_mode)$/))) {
    const measures = bodySigs.some((x) => x.phase === 'model_evaluation' || MEASURE_EV_RE.test(x.ev));
    const to: Phase = measures ? 'model_evaluation' : 'prediction';
    for (let i = votesFrom; i < ctx.sigs.length; i++) {
      const x = ctx.sigs[i]!;
      if (x.phase === 'model_training') ctx.sigs[i] = { ...x, phase: to, ev: `${x.ev.replace(/ -> \w+$/, '')} (without gradients) -> ${to}` };
    }
    const votes = ctx.sigs.slice(votesFrom);
    if (votes.some((x) => x.phase === 'model_evaluation' && x.w >= 0.5) && bodySigs.some((x) => x.src === 'shape' && x.phase === 'model_evaluation'))
      for (let i = ctx.sigs.length - 1; i >= votesFrom; i--) if (ctx.sigs[i]!.phase === 'prediction') ctx.sigs.splice(i, 1);
  }
  // for epoch in range(n): ... if val_loss < best_val: best_val = val_loss: the best score of one training run picks
  // its checkpoint, no candidates (rules/checkpoint-best.ts)
  if (isLoop && trains && !tuning && isPassLoop(kind, heads) && keepCheckpointScores(ctx.sigs, votesFrom, ctx.line, boundIn(body), (n) => an.binders.get(`${ctx.fn?.key ?? ''}:${n}`))) an.impure = true;
  if (tuning) {
    ctx.sigs.push({ phase: 'hyperparameter_tuning', w: 1.5 + trainingVotes, ev: 'shape: loop trains a model for each candidate value -> hyperparameter_tuning', src: 'shape' });
    // best_aic, best_order = fitted.aic, (p, d, q) / results[C] = score: what the sweep leaves behind is its outcome
    for (const n of boundIn(body)) {
      const v = ctx.scope.get(n);
      if (v && !v.mod && !v.fn && !v.ucls && !v.inst) ctx.scope.set(n, { ...v, origin: 'hyperparameter_tuning' });
    }
    const iterName = heads[0]?.k === 'name' ? heads[0].id : null;
    const cd = iterName ? an.constDefs.get(iterName) : undefined;
    if (cd) an.impure = true;
    if (cd && cd.sigs.length === 1 && cd.sigs[0]!.phase === 'other')
      cd.sigs[0] = { phase: 'hyperparameter_tuning', w: 0.8, ev: `def-use: ${iterName} holds the candidates of a tuning loop -> hyperparameter_tuning`, src: 'name' };
  }
  // for dirname, _, filenames in os.walk('/kaggle/input'): print(...): listing the input files (rules/file-listing.ts)
  if (isFileListingLoop(kind, heads, body)) {
    ctx.sigs.length = 0;
    ctx.sigs.push({ phase: 'other', w: 1, ev: 'shape: loop printing the files of a directory -> other', src: 'shape' });
  }
  // for images, labels in ds.take(1): plt.imshow(...): a loop that only draws is part of the figure (rules/plot-only.ts),
  // and so are the columns it draws (for col in df.drop(columns=['id']).columns: ..., rules/drawn-chains.ts)
  if (isLoop && bodyRecs.some((r) => isPlotting(r.sigs)) && bodyRecs.every((r) => isPlotting(r.sigs) || !hasAny(r.sigs)) && headServesFigure(ctx.sigs.slice(0, votesFrom)))
    ctx.sigs.splice(0, votesFrom);
  // for word, i in word_index.items(): embedding_matrix[i] = ...: a loop doing no recognised work over features made
  // before (a tokenizer's vocabulary) fills what it fills for them: it continues the feature engineering
  if (kind === 'for' && !ctx.fn && loopVars.size === 0 && !hasAny(ctx.sigs) && heads.length === 1 && madeAs(heads[0]!, ctx) === 'feature_engineering')
    ctx.sigs.push({ phase: 'feature_engineering', w: 0.6, ev: 'def-use: loop over features made before continues feature_engineering -> feature_engineering', src: 'name' });
  if (isLoop) rec.loop = true;
}

/**
 * for k in range(2, 13, 2): centers = kmeans(sample, k, rng) / pred = knn_predict(..., k=k); accuracy(...): each
 * candidate handed to the user's model code (a function that trains, or any when the body scores) tunes; one that
 * only predicts is handed inputs (for review in [...]: print(predict_sentiment(model, review)))
 */
function sweepsUserModels(heads: Expr[], targets: Expr[], body: Stmt[], bodySigs: Signal[], ctx: Ctx, candidates: boolean): boolean {
  const t = targets.length === 1 ? targets[0]! : null;
  if (!t || t.k !== 'name' || !namesCandidate(t.id) || !(candidates || heads.some(isCandidateRange))) return false;
  const scores = bodySigs.some((x) => x.phase === 'model_evaluation' && x.src !== 'inherit');
  for (const f of calleesGiven(body, t.id)) {
    const uf = ctx.scope.get(f)?.fn;
    const top = uf?.phases.filter(([, w]) => w >= (uf.phases[0]?.[1] ?? 0) * 0.5).map(([p]) => p) ?? [];
    if (top.includes('model_training') || (scores && top.some((p) => !PLAIN_PHASES.has(p)))) return true;
  }
  return false;
}

/** phases of helpers that are no model code (loading, drawing, settings) */
const PLAIN_PHASES: ReadonlySet<Phase> = new Set(['setup', 'other', 'data_loading', 'visualization', 'model_persistence']);

/** training evidence that only wraps data for a model (xgb.DMatrix, lgb.Dataset, catboost.Pool), fitting nothing */
const CONTAINER_EV_RE = /\.(DMatrix|Dataset|Pool) -> model_training$/;

/** A loop re-estimating values from the data (k-means, EM, alternating least squares) trains: the rebinding statement says so. */
function refitLoop(an: Engine, kind: string, heads: Expr[], body: Stmt[], recAt: (Rec | null)[], ctx: Ctx): boolean {
  let found = false;
  const isData = (n: string): boolean => {
    const v = ctx.scope.get(n);
    return !!v && !v.mod && !v.fn && !v.ucls && !v.inst && (v.taint & T_DATA) !== 0;
  };
  for (const [key, at] of refittedInLoop(kind, heads, body, isData)) {
    const r = recAt[at];
    if (!r) continue;
    for (const x of r.sigs) if (x.phase !== 'model_training') x.w *= 0.3;
    r.sigs.push({ phase: 'model_training', w: 1.2, ev: `shape: ${key} updated from its fit to the data in a loop -> model_training`, src: 'shape' });
    const dot = key.indexOf('.');
    // self.centers = ...: what the class's other methods read back is learnt
    if (dot > 0 && ctx.fn?.cls && key.slice(0, dot) === 'self') ctx.fn.cls.learnt.add(key.slice(dot + 1));
    found = true;
    // centers = X[rng.choice(n, k)] before the loop: the starting value of the fit (the corpus convention)
    const start = an.binders.get(`${ctx.fn?.key ?? ''}:${key}`);
    if (start && start.start < ctx.line && !start.sigs.some((x) => x.phase === 'data_loading' || x.phase === 'model_training')) {
      start.sigs.splice(0, start.sigs.length, { phase: 'model_training', w: 1, ev: `def-use: ${key} is the starting value of a fitting loop -> model_training`, src: 'shape' });
      an.impure = true;
    }
  }
  return found;
}

/** names bound or filled by item by the statements of a block body (nested blocks included) */
function boundIn(body: Stmt[], out: Set<string> = new Set()): Set<string> {
  for (const s of body) {
    const st = s.s;
    if (st.k === 'assign') {
      const names: string[] = [];
      for (const t of st.targets) {
        if (t.k === 'sub' && t.obj.k === 'name') names.push(t.obj.id);
        else collectTargetNames(t, names);
      }
      for (const n of names) out.add(n);
    } else if (st.k === 'block') {
      const names: string[] = [];
      for (const t of st.targets) collectTargetNames(t, names);
      for (const n of names) out.add(n);
      boundIn(st.body, out);
    }
  }
  return out;
}

/** the phase the value a loop iterates over was made in: its own, or its root name's (word_index of word_index.items()) */
function madeAs(head: Expr, ctx: Ctx): Phase | null {
  const root = attrRoot(head.k === 'call' && head.fn.k === 'attr' && head.args.length === 0 ? head.fn.obj : head);
  const v = root ? ctx.scope.get(root) : undefined;
  return v && !v.mod && !v.fn && !v.ucls ? (v.origin ?? null) : null;
}
