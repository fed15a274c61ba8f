/** One statement: imports, assignments, expressions, returns, definitions, classes and blocks, then the def-use bookkeeping that follows every statement. */
import type { Expr, Stmt } from '../ir.js';
import type { Phase } from '../phases.js';
import { isWindowAppend } from '../rules/shapes.js';
import { isPick, isPlotting, isShowing, onlyPicks, isFramedPick, onlyFramedPicks, framedRoot, isDrawnResultPick, reshapedPickName } from '../rules/plot-only.js';
import { isFigureSpec } from '../rules/figure-specs.js';
import { serveTheFigure } from '../rules/drawn-chains.js';
import { serveTheSummary, showsSummary } from '../rules/shown-summaries.js';
import { buildsColumnSummary, describeColumns } from '../rules/column-summaries.js';
import { mapsTextRewrite, cleanMappedText } from '../rules/text-maps.js';
import { isNamedRowMask, keepAsRowMask } from '../rules/named-masks.js';
import { trackCleanInputs } from '../rules/clean-inputs.js';
import { trackGradientHelpers } from '../rules/gradient-helpers.js';
import { isShownListing } from '../rules/file-listing.js';
import { predictionsServeTheFigure } from '../rules/drawn-predictions.js';
import { trackUsedFor } from '../rules/used-for.js';
import { inspectSummary } from '../rules/summary-tables.js';
import { trackExplorationFrames } from '../rules/exploration-frames.js';
import { trackModeSwitch } from '../rules/mode-switch.js';
import { trackFeatureSources, recodedInLoop } from '../rules/feature-sources.js';
import { trackLoadedParts } from '../rules/loaded-parts.js';
import { accumulatorPhases, isFreshStart, takesFill } from '../rules/accumulators.js';
import { attrRoot, collectTargetNames } from './expr-utils.js';
import { Scope, type Rec, type UserFn, type UserClass, type Ctx } from './model.js';
import { T_DATA, T_PRED, T_METRIC, T_MODEL, EMPTY, LEARNT, phaseTaint, mergeRet } from './values.js';
import { SHOW_METHODS, MUTATORS } from './names.js';
import { newRec, hasStrong, provisionalTop, PLOT_EV_RE } from './signals.js';
import type { Engine } from './engine.js';
import { markCandidates } from '../rules/search-space.js';
import { trackLabelColumns } from '../rules/label-columns.js';
import { trackUninformativeColumns } from '../rules/uninformative-columns.js';
import { trackPredictionFrames } from './pred-frames.js';
import { shownCount } from '../rules/shown-sizes.js';
import { isCaptionPrint, markCaption } from '../rules/captions.js';
import { arrayOfItself, continuedByArray, relabelLoadedArray } from '../rules/loaded-arrays.js';
import { relabelValueCounts } from '../rules/distinct-values.js';
import { boundInLoopBody, relabelSplitJoin } from '../rules/split-parts.js';
import { originsBefore, relabelResultSummaries } from '../rules/result-summaries.js';
import { selectionReadsBefore, trackFeatureSelection } from '../rules/feature-selection.js';
import { markFittedFunctions, predictWithFittedCurve } from '../rules/fitted-curves.js';

/** evidence of rows shown as they are (not summarised): a head / tail / sort of a frame, or a printed or displayed value */
const GROUPED_EV_RE = /groupby|GroupBy|crosstab|pivot/;
const SHOWN_ROWS_EV_RE = /\.(head|tail|sample|sort_values|nlargest|nsmallest|to_string)\b|^display of /;

/** Analyses one statement, updating the scope; returns its record (null for nothing to report). */
export function statement(an: Engine, s: Stmt, scope: Scope, fn: UserFn | null, cell: number | null, offset: number, loopVars: Set<string>): Rec | null {
  const start = s.start + offset;
  const end = s.end + offset;
  const ctx = an.newCtx(scope, fn, start, cell, offset, loopVars);
  const rec = newRec(start, end, cell, ctx.sigs, fn, an.seq++, an.trained);
  const st = s.s;
  const blockReads = new Set<string>();
  // X_train = np.array(X_train) after a loading loop filled it, X_train = X_train.values after a split (rules/loaded-arrays.ts)
  const arrayed = !fn && loopVars.size === 0 ? arrayOfItself(st) : null;
  const arrayedFrom = arrayed !== null ? continuedByArray(scope.get(arrayed)?.origin) : null;
  const readOrigins = !fn && loopVars.size === 0 ? originsBefore(st, scope) : null; // (rules/result-summaries.ts)
  const selectionReads = !fn && loopVars.size === 0 ? selectionReadsBefore(st, scope, an.selectionOutputs) : null; // (rules/feature-selection.ts)
  if (markFittedFunctions(st, scope)) an.impure = true; // curve_fit(f, x, y): f is the model (rules/fitted-curves.ts)
  switch (st.k) {
    case 'import': {
      for (const n of st.names) {
        const local = an.localImport(n.qual, n.alias);
        scope.set(n.alias, local ?? { ...EMPTY, q: n.qual === n.alias || n.qual.startsWith(n.alias + '.') ? n.alias : n.qual, mod: true });
        ctx.sigs.push({ phase: 'setup', w: 1, ev: `import ${n.qual} -> setup`, src: 'kb' });
      }
      if (st.star) {
        // from utils import *: the functions and classes of the user's module
        const um = an.isLibrary(st.star) ? null : an.moduleVal(st.star);
        if (um?.umod) for (const [k, v] of um.umod.members) scope.set(k, v);
        an.stars.push(st.star);
        ctx.sigs.push({ phase: 'setup', w: 1, ev: `from ${st.star} import * -> setup`, src: 'kb' });
      }
      if (st.names.length === 0 && !st.star) ctx.sigs.push({ phase: 'setup', w: 1, ev: 'import -> setup', src: 'kb' });
      break;
    }
    case 'assign':
      an.assign(st.targets, st.value, st.op, ctx, rec);
      if (st.op === null && an.lastValueSum) inspectSummary(ctx.sigs, st.targets, scope); // percent = 100 * counts / len(df) (rules/summary-tables.ts)
      if (st.op === null && st.value && buildsColumnSummary(st.targets, st.value)) describeColumns(ctx.sigs); // (rules/column-summaries.ts)
      if (st.op === null && st.value && mapsTextRewrite(st.value)) cleanMappedText(ctx.sigs); // (rules/text-maps.ts)
      if (st.op === null && st.value && isNamedRowMask(st.targets, st.value)) keepAsRowMask(ctx.sigs); // (rules/named-masks.ts)
      if (st.op === null) serveTheFigure(st.value, ctx.sigs); // ax = log.dropna(subset=['loss']).plot(...) (rules/drawn-chains.ts)
      break;
    case 'expr': {
      const v = an.expr(st.e, ctx, 1, true);
      // xs.append(series[i:i + lookback]) in a loop: sliding windows cut from a series (sequence model inputs)
      if (ctx.loopVars.size > 0 && !hasStrong(ctx.sigs) && isWindowAppend(st.e, ctx.loopVars))
        ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: 'shape: windows sliced from a series in a loop -> feature_engineering', src: 'shape' });
      // df.sample(5) / df.sort_values('price') shown, not assigned: a look at the data
      if (st.e.k === 'call' && st.e.fn.k === 'attr' && SHOW_METHODS.has(st.e.fn.attr) && !st.e.kw.some(([k]) => k === 'inplace'))
        for (const x of ctx.sigs) if ((x.phase === 'data_splitting' || x.phase === 'data_cleaning') && x.src === 'kb') {
          x.phase = 'data_exploration';
          x.ev = `${x.ev.replace(/ -> \w+$/, '')} (shown, not kept) -> data_exploration`;
        }
      // df.text.str.split().str.len().describe() shown: the lengths serve the look (rules/shown-summaries.ts)
      if (!fn && showsSummary(st.e)) serveTheSummary(ctx.sigs);
      // print(os.listdir(DATA_DIR)) / len(os.listdir(d)) shown: a look at what the data set holds (rules/file-listing.ts)
      if (!fn && isShownListing(st.e))
        for (const x of ctx.sigs) if (x.phase === 'data_loading' && x.src === 'kb') {
          x.phase = 'data_exploration';
          x.ev = `${x.ev.replace(/ -> \w+$/, '')} (listing shown) -> data_exploration`;
        }
      // df.sample(2000).plot(...) / s.rolling(30).mean().plot(): the data operations of a chain that ends in a
      // figure serve the figure (model outputs drawn keep their phases)
      // (and results picked out to be drawn: a model's attribute, the first rows of scores, rules/plot-only.ts)
      if (ctx.sigs.some((x) => x.phase === 'visualization' && x.src === 'kb'))
        for (const x of ctx.sigs)
          if (x.src === 'kb' && (x.phase === 'data_splitting' || x.phase === 'feature_engineering' || x.phase === 'data_cleaning' || isDrawnResultPick(x))) x.w *= 0.3;
      if (ctx.errorShape && !hasStrong(ctx.sigs)) ctx.sigs.push({ phase: 'model_evaluation', w: 1, ev: 'shape: predictions compared with labels -> model_evaluation', src: 'shape' });
      // inside a function body nothing is displayed: a bare expression there (X.append(...)) shows no data; nor does
      // a call filling a container anywhere (trues.append(yb.numpy()) in a loop: it returns None)
      else if (!hasStrong(ctx.sigs) && !ctx.sigs.some((x) => x.phase === 'plot?') && !ctx.fn) {
        if (isMutatorCall(st.e)) keptResults(st.e, ctx);
        else if (an.isSizeOfData(st.e, ctx)) ctx.sigs.push({ phase: 'data_exploration', w: 0.7, ev: 'display of len(...) of data -> data_exploration', src: 'name' });
        else an.displayOf(v.taint === 0 && v.origin === null ? shownCount(v, [st.e], ctx.scope) : v, st.e, ctx, 'expression');
      }
      an.unknownCallFallback(ctx, null);
      // print('Classification report:') at top level: a caption of the output around it (rules/captions.ts)
      if (!fn && loopVars.size === 0 && isCaptionPrint(st.e)) markCaption(ctx.sigs);
      break;
    }
    case 'return': {
      if (st.e) {
        let v = an.expr(st.e, ctx, 1, false);
        // attribute reads (X.shape[0]) in a returned expression compute something, they do not inspect
        for (let i = ctx.sigs.length - 1; i >= 0; i--) if (ctx.sigs[i]!.attr && ctx.sigs[i]!.phase === 'data_exploration') ctx.sigs.splice(i, 1);
        // return np.linalg.solve(A, X.T @ y): the function returns learnt parameters (rules/learnt-params.ts)
        if (ctx.solve && !ctx.errorShape && !hasStrong(ctx.sigs)) {
          ctx.sigs.push({ phase: 'model_training', w: 1, ev: 'shape: returns parameters solved from features and labels -> model_training', src: 'shape' });
          v = LEARNT;
        }
        if (fn) fn.ret = mergeRet(fn.ret, v);
        if (ctx.errorShape && !hasStrong(ctx.sigs)) ctx.sigs.push({ phase: 'model_evaluation', w: 1, ev: 'shape: predictions compared with labels -> model_evaluation', src: 'shape' });
      }
      break;
    }
    case 'def': {
      const uf = an.defineFunction(st.name, st.params, st.body, scope, cell, offset, start, end, null);
      for (const d of st.decorators) an.expr(d, ctx, 0.3, false);
      ctx.sigs.length = 0;
      rec.isDef = uf;
      uf.defRec = rec;
      scope.set(st.name, { ...EMPTY, fn: uf });
      break;
    }
    case 'class': {
      let baseType: string | null = null;
      let baseQ: string | null = null;
      for (const b of st.bases) {
        const bv = an.expr(b, ctx, 0, false);
        if (bv.mod && bv.q) {
          const c = an.kb.lookup(bv.q);
          if (c && c.kind === 'class') {
            baseType = c.type;
            baseQ = c.name;
          }
        } else if (bv.ucls) {
          baseType = bv.ucls.baseType;
          baseQ = bv.ucls.baseQ;
        }
      }
      ctx.sigs.length = 0;
      const uc: UserClass = { key: `${st.name}#${an.fnCounter++}`, name: st.name, baseType, baseQ, methods: new Map(), learnt: new Set() };
      const cscope = new Scope(scope);
      for (const m of st.body) {
        if (m.s.k === 'def') {
          const uf = an.defineFunction(`${st.name}.${m.s.name}`, m.s.params, m.s.body, scope, cell, offset, m.start + offset, m.end + offset, uc);
          uc.methods.set(m.s.name, uf);
          const mrec = newRec(m.start + offset, m.end + offset, cell, [], null, an.seq++, an.trained);
          mrec.isDef = uf;
          uf.defRec = mrec;
        } else {
          const r = an.statement(m, cscope, fn, cell, offset, loopVars);
          if (r) ctx.sigs.push(...r.sigs.map((x) => ({ ...x, w: x.w * 0.5 })));
        }
      }
      rec.isClass = uc;
      scope.set(st.name, { ...EMPTY, ucls: uc });
      break;
    }
    case 'block': {
      // a top-level loop reads the feature names its body reads (for i, c in enumerate(clf.classes_): print(c, terms[top])):
      // names, not features, are for what the loop does with them (other values read in a body keep their own rules)
      const outerReads = an.bodyReads;
      if (!fn && loopVars.size === 0 && outerReads === null) an.bodyReads = new Set();
      an.block(st.kind, st.heads, st.targets, st.body, ctx, rec, loopVars);
      if (outerReads === null && an.bodyReads) {
        const bound: string[] = [];
        boundInside(st, bound);
        for (const n of an.bodyReads) if (!bound.includes(n) && !ctx.names.has(n) && an.usedFor.get(n)?.rec.sigs.some((x) => x.src === 'kb' && x.provisional === true)) blockReads.add(n);
        an.bodyReads = null;
      }
      break;
    }
    case 'other': {
      for (const e of st.exprs) an.expr(e, ctx, 0.5, false);
      if (st.kw === 'del') {
        ctx.sigs.length = 0;
        ctx.sigs.push({ phase: 'other', w: 0.3, ev: 'del -> other', src: 'fallback' });
      }
      break;
    }
    case 'magic':
      break;
  }
  if (predictWithFittedCurve(st, scope, ctx.sigs)) an.impure = true; // y_fit = f(t, *popt)
  predictionsServeTheFigure(ctx.sigs); // sns.heatmap(oof_preds.corr()): the figure's (rules/drawn-predictions.ts)
  // df.groupby('cluster').mean(), pd.crosstab(df['cluster'], ...): summaries of a model's output evaluate the model;
  // rows of it shown as they are (future[['week', 'forecast']].head(), print(at_risk[[..., 'churn_probability']]))
  // show the predictions
  if (an.predColumns.size > 0 && [...ctx.strings].some((x) => an.predColumns.has(x)))
    for (const x of rec.sigs) {
      if (x.phase !== 'data_exploration' || PLOT_EV_RE.test(x.ev)) continue;
      const shown = SHOWN_ROWS_EV_RE.test(x.ev);
      if (x.src !== 'kb' && !(shown && x.src === 'name')) continue;
      // (counts of predictions made for new data, print(new['label'].value_counts()), only show the predictions; grouped
      // by something else, they are summarised: weeks.groupby('store')['forecast'].sum())
      const counts = [...ctx.strings].every((c) => !an.predColumns.has(c) || an.predictedColumns.has(c)) && !rec.sigs.some((y) => GROUPED_EV_RE.test(y.ev));
      const p: Phase = shown || counts ? 'prediction' : 'model_evaluation';
      x.phase = p;
      x.ev = `${x.ev.replace(/ -> \w+$/, '')} (of a model's output column) -> ${p}`;
      // (profile = df.groupby('cluster').mean(): the summary bound is an evaluation, and so is showing it)
      if (st.k === 'assign' && st.op === null && provisionalTop(rec.sigs) === 'model_evaluation')
        for (const t of st.targets) {
          const v = t.k === 'name' ? scope.get(t.id) : undefined;
          if (v && t.k === 'name') scope.set(t.id, { ...v, origin: 'model_evaluation' });
        }
    }
  if (an.bodyReads) for (const n of ctx.names) an.bodyReads.add(n);
  if (arrayed !== null && arrayedFrom !== null) relabelLoadedArray(rec.sigs, arrayed, arrayedFrom);
  if (!fn && loopVars.size === 0) relabelValueCounts(st, rec.sigs); // labels, counts = np.unique(y, return_counts=True) (rules/distinct-values.ts)
  if (!fn && loopVars.size === 0) relabelResultSummaries(st, rec.sigs, ctx.names, scope, readOrigins); // value_counts() of predictions
  // values picked out only to be drawn (rules/plot-only.ts): the reads of such names, then the names this statement binds
  // img = img.reshape(28, 28) of a pick: the re-shaped values go on to the figure, they neither draw nor spoil it
  const reshaped = an.plotOnly.size > 0 && st.k === 'assign' && !fn && st.op === null && loopVars.size === 0 && st.targets.length === 1 && st.value !== null ? reshapedPickName(st.targets[0]!, st.value) : null;
  const reshapedFrom = reshaped !== null ? an.plotOnly.get(reshaped) : undefined;
  if (an.plotOnly.size > 0) {
    const drawing = isPlotting(rec.sigs);
    // a loop's targets (for xb, yb in train_dl: ...) are new values, not reads of the names they rebind
    // and a function's own names (def run_epoch(loader): for xb, yb in loader: ...) are its locals
    const rebound: string[] = [];
    boundInside(st, rebound);
    if (st.k === 'block') for (const n of rebound) if (an.plotOnly.delete(n)) an.impure = true;
    for (const n of ctx.names) {
      if (rebound.includes(n) || (fn && isLocal(scope, n))) continue;
      const c = an.plotOnly.get(n);
      if (!c || c.rec === rec || c === reshapedFrom) continue;
      an.impure = true;
      if (drawing) c.drawn = true;
      else if (isShowing(rec.sigs)) c.shown = true;
      else {
        c.spoiled = true;
        c.spoilers.push(rec);
      }
    }
  }
  if (st.k === 'assign' && !fn) {
    for (const t of st.targets) if (t.k === 'name') an.plotOnly.delete(t.id);
    if (reshapedFrom && reshaped !== null) {
      const c = { rec, drawn: false, spoiled: false, shown: false, spoilers: [], spec: false };
      reshapedFrom.via = c;
      an.plotOnly.set(reshaped, c);
      an.plotDefs.push(c);
      an.impure = true;
    }
    // hist = pd.DataFrame(history.history): a training log framed, not computed on (rules/plot-only.ts)
    const framedLog = st.value !== null && isFramedPick(st.value) && onlyFramedPicks(rec.sigs) && isResultsLog(scope, framedRoot(st.value));
    // (and layout = dict(title=...) / data = [trace1, trace2]: parts of a figure, rules/figure-specs.ts)
    const spec = st.value !== null && isFigureSpec(st.value) && onlyPicks(rec.sigs);
    if (st.op === null && loopVars.size === 0 && st.targets.every((t) => t.k === 'name' || t.k === 'seq') && st.value !== null && ((isPick(st.value) && onlyPicks(rec.sigs)) || framedLog || spec) && st.value.k !== 'name' && !isPlotting(rec.sigs)) {
      const c = { rec, drawn: false, spoiled: false, shown: false, spoilers: [], spec };
      const names: string[] = [];
      for (const t of st.targets) collectTargetNames(t, names);
      for (const n of names) an.plotOnly.set(n, c);
      an.plotDefs.push(c);
      an.impure = true;
    }
  }
  trackCleanInputs(an, st, rec, ctx.names, fn, loopVars.size > 0);
  if (trackGradientHelpers(an.gradientHelpers, st, rec, ctx.names, fn, scope)) an.impure = true;
  if (!fn && loopVars.size === 0) {
    const bound: string[] = [];
    if (st.k === 'assign') for (const t of st.targets) collectTargetNames(t, bound);
    const reads = blockReads.size > 0 ? new Set([...ctx.names, ...blockReads]) : ctx.names;
    trackUsedFor(an, rec, reads, st.k === 'assign' ? bound : null, st.k === 'assign' ? st.value : null, st.k === 'assign' && st.op === null && st.targets.every((t) => t.k === 'name' || t.k === 'seq'), [...ctx.names].some((n) => {
      const v = scope.get(n);
      return !!v && !v.mod && !v.fn && !v.ucls;
    }));
    trackExplorationFrames(an, st, rec, reads, bound); // age_data = df[['TARGET', 'AGE']] binned only to look at (rules/exploration-frames.ts)
  }
  if (!fn && loopVars.size === 0) trackPredictionFrames(an, st, rec, scope);
  if (!fn && loopVars.size === 0 && !an.parentMutated && trackLoadedParts(st, rec.sigs, an.loadedNames)) an.impure = true;
  if (!fn && loopVars.size === 0 && !an.parentMutated && trackFeatureSources(st, rec.sigs, an, (n) => scope.get(n)?.origin ?? null)) an.impure = true;
  if (!fn && loopVars.size === 0 && relabelSplitJoin(st, rec.sigs, (n) => scope.get(n)?.origin ?? null)) an.impure = true; // (rules/split-parts.ts)
  // for dataset in full_data: derive a column, then recode it: still the feature (rules/feature-sources.ts)
  if (!fn && loopVars.size === 0 && st.k === 'block' && st.kind === 'for' && recodedInLoop(rec.sigs, an.featureColumns)) an.impure = true;
  // all_data.drop(['SalePrice'], axis=1, inplace=True) after y_train = train.SalePrice.values: the features kept (rules/label-columns.ts)
  if (!fn && loopVars.size === 0 && !an.parentMutated && trackLabelColumns(st, rec.sigs, an.labelColumns)) an.impure = true;
  if (!fn && loopVars.size === 0 && !an.parentMutated && trackUninformativeColumns(st, rec.sigs, an.uninformativeLists, scope)) an.impure = true;
  if (!fn && loopVars.size === 0 && !an.parentMutated && trackFeatureSelection(st, rec, selectionReads, an, scope)) an.impure = true;
  // (a statement in a block's body is not top level: an.parentMutated is set while a block's body is analysed)
  if (!fn && loopVars.size === 0 && !an.parentMutated) trackModeSwitch(an, rec);
  if (fn) fn.records.push(rec);
  const top = provisionalTop(rec.sigs);
  if (top === 'model_training' || top === 'hyperparameter_tuning') an.trained = an.trainHit = true;
  // def-use: values mutated in place take the phase of the statement (rows.append(...) while loading)
  if (top && top !== 'other') {
    for (const n of ctx.mutated) {
      const v = scope.get(n);
      if (v && !v.mod && !v.fn && !v.ucls) scope.set(n, { ...v, origin: top, taint: v.taint | phaseTaint(top) | (top === 'data_loading' ? T_DATA : 0) });
    }
  }
  if (an.parentMutated) for (const n of ctx.mutated) an.parentMutated.add(n);
  // the parts a splitting loop cuts (for tr, te in skf.split(X, y): X_tr = X.iloc[tr]) are made by the split (rules/split-parts.ts)
  if (!fn && loopVars.size === 0 && top === 'data_splitting') for (const n of boundInLoopBody(st)) if (scope.get(n)) scope.set(n, { ...scope.get(n)!, origin: top });
  // accumulators (losses = [], correct = 0) take the phase of the top-level statement that fills them
  if (!fn) {
    for (const n of ctx.mutated) if (an.constDefs.has(n)) an.accumulated.add(n);
    // a loop nested in a block (a for inside a with torch.no_grad()) leaves them to the enclosing block
    const outer = !ctx.loopVars.size && !(st.k === 'block' && an.parentMutated);
    const r = top && top !== 'other' && outer ? [...an.accumulated].map((n) => [n, an.constDefs.get(n)] as const) : [];
    // (every model-building phase of the loop that fills them: rules/accumulators.ts)
    const filled = r.length > 0 ? accumulatorPhases(rec.sigs, top!, rec.loop === true) : [];
    for (const [n, d] of r)
      if (d && d !== rec && d.sigs.length === 1 && (d.sigs[0]!.phase === 'other' || isFreshStart(d.sigs[0]!)) && !an.columnLists.has(n) && takesFill(d.sigs[0]!, filled)) {
        d.sigs.splice(0, 1, ...filled.map((p) => ({ phase: p, w: 0.8, ev: `def-use: ${n} accumulates results of a later statement -> ${p}`, src: 'name' as const })));
        an.impure = true;
      }
    if (outer) an.accumulated.clear();
  }
  // a constant bounding a loop that trains (for epoch in range(epochs): w -= lr * grad) is a parameter of the
  // training; its statement stays 'other' (the corpus convention for plain constants), its evidence says so
  if (st.k === 'block' && st.kind === 'for' && top === 'model_training')
    for (const h of st.heads)
      if (h.k === 'call' && h.fn.k === 'name' && h.fn.id === 'range')
        for (const a of h.args) {
          const r = a.k === 'name' ? an.constDefs.get(a.id) : undefined;
          if (a.k !== 'name' || !r || r.sigs.length !== 1 || r.sigs[0]!.phase !== 'other') continue;
          r.sigs[0] = { ...r.sigs[0]!, ev: `def-use: ${a.id} bounds a training loop -> other` };
          an.impure = true;
        }
  // constants (dicts/lists of literals) take the phase of the training call they configure
  if (ctx.constUses.length > 0) an.impure = true;
  for (const u of ctx.constUses) {
    const r = an.constDefs.get(u.name);
    if (r && r.sigs.length === 1 && r.sigs[0]!.phase === 'other') {
      // a list of column names selects features, whatever call it is passed to (cat_features=cols, df[cols])
      if (an.columnLists.has(u.name) || u.phase === 'feature_engineering')
        r.sigs[0] = { phase: 'feature_engineering', w: 0.8, ev: `def-use: ${u.name} names the columns used -> feature_engineering`, src: 'name' };
      else if (u.phase === 'data_splitting') r.sigs[0] = { phase: u.phase, w: 0.8, ev: `def-use: ${u.name} sets a split point -> data_splitting`, src: 'name' };
      else if (an.namedConstants.has(u.name)) r.sigs[0] = { ...r.sigs[0]!, ev: `def-use: ${u.name} (a named setting) configures a ${u.phase === 'model_training' ? 'training' : 'tuning'} call -> other` };
      else r.sigs[0] = { phase: u.phase, w: 0.8, ev: `def-use: ${u.name} configures a ${u.phase === 'model_training' ? 'training' : 'tuning'} call -> ${u.phase}`, src: 'name' };
    }
    // GridSearchCV(SVC(), params) with params = {'C': Cs, 'gamma': gammas}: Cs and gammas are its candidates (rules/search-space.ts)
    if (u.phase === 'hyperparameter_tuning') markCandidates(an.spaceMembers.get(u.name) ?? [], (n) => an.constDefs.get(n));
  }
  return rec;
}

/** `rows.append(x)`, `seen.update(y)`: a call filling a container (it returns None: nothing to display) */
function isMutatorCall(e: Expr): e is Extract<Expr, { k: 'call' }> {
  return e.k === 'call' && e.fn.k === 'attr' && MUTATORS.has(e.fn.attr);
}

/** rows.append({'model': name, 'f1': f1}) / forecast.append(yhat): scores or predictions kept in a container */
function keptResults(e: Extract<Expr, { k: 'call' }>, ctx: Ctx): void {
  const self = e.fn.k === 'attr' ? attrRoot(e.fn.obj) : null;
  let taint = 0;
  for (const n of ctx.names) {
    const v = n === self ? undefined : ctx.scope.get(n);
    if (v && !v.mod && !v.fn && !v.ucls) taint |= v.taint;
  }
  const p: Phase | null = taint & T_METRIC ? 'model_evaluation' : taint & T_PRED ? 'prediction' : null;
  if (p) ctx.sigs.push({ phase: p, w: 0.7, ev: `shape: ${p === 'prediction' ? 'predictions' : 'scores'} kept in a container -> ${p}`, src: 'name' });
}

/** the names bound by a block's targets and by those of the blocks in its body; a function's parameters and locals */
function boundInside(st: Stmt['s'], out: string[]): void {
  if (st.k === 'def') for (const p of st.params) out.push(p.name);
  if (st.k === 'assign') for (const t of st.targets) collectTargetNames(t, out);
  if (st.k !== 'block' && st.k !== 'def') return;
  if (st.k === 'block') for (const t of st.targets) collectTargetNames(t, out);
  for (const b of st.body) if (st.k === 'def' || b.s.k === 'block') boundInside(b.s, out);
}

/** the name is bound in a function's scope (a parameter, a loop variable), not the global one */
function isLocal(scope: Scope, n: string): boolean {
  for (let s: Scope | null = scope; s && s.parent; s = s.parent) if (s.vars.has(n)) return true;
  return false;
}

/** a name holding results (a fit's history, a log of losses and scores), not data */
function isResultsLog(scope: Scope, root: string | null): boolean {
  const v = root ? scope.get(root) : undefined;
  return !!v && (v.taint & (T_METRIC | T_MODEL)) !== 0 && (v.taint & T_DATA) === 0;
}

