/** Assignments: the structural rules of plain-name targets (splits, submissions, column lists, search spaces, accumulators, derived values). */
import type { Expr } from '../ir.js';
import type { Phase } from '../phases.js';
import { COL_GROUP_RE, namesColumns, isNameTemplateComp, isCutAtSplitLength, isIndexSplit, isRandomMask, isConditionMask, isSelfRowFilter, isSplitIndex, isStringList, splitFractionName } from '../rules/shapes.js';
import { isInitialValue, parameterUpdate, rebindsFromItself } from '../rules/updates.js';
import { continuesFeatures } from '../rules/column-alignment.js';
import { keptDistinctValues } from '../rules/distinct-values.js';
import { isNamedScalarConstant } from '../rules/named-constants.js';
import { BEST_OF_COMPARISON_EV, isModelZoo, isStartingBest } from '../rules/best-of-comparison.js';
import { freshCopySignals, isFreshList } from '../rules/accumulators.js';
import { constantDictMembers, dictValueNames, isDictCall, isValueRange, markCandidates, picksCandidate } from '../rules/search-space.js';
import type { Rec, Ctx } from './model.js';
import { T_DATA, T_LABEL, T_MODEL, T_PRED, T_METRIC, EMPTY, LEARNT } from './values.js';
import { PRED_RE, LABEL_RE, FEATURE_RE, METRIC_RE, WEIGHT_RE, GRAD_RE, LOAD_FN_RE, SEED_RE, SPLIT_NAME_RE, BEST_RE, BEST_FEATURES_RE, SUBMISSION_RE, ID_RE, SUBMISSION_STRONG_RE, COLS_RE, HT_GRID_RE, GRID_RE, TRUTH_RE } from './names.js';
import { hasStrong, provisionalTop, PLOT_EV_RE } from './signals.js';
import { isColumnList, isLiteral, collectTargetNames, attrRoot, mentions, exprText, isMaskCall } from './expr-utils.js';
import type { Engine } from './engine.js';
import { attributeColumn } from '../rules/attribute-columns.js';
import { isOneHotRows, ONE_HOT_EV } from '../rules/one-hot.js';

/** phases that get or look at data: a value computed from such data does not continue them (rules/used-for.ts decides) */
const ACQUIRED: ReadonlySet<Phase> = new Set(['data_loading', 'data_exploration', 'data_splitting']);

export function assign(an: Engine, targets: Expr[], value: Expr | null, op: string | null, ctx: Ctx, rec: Rec): void {
  let v = value ? an.expr(value, ctx, 1, false) : EMPTY;
  if (op !== null) for (const t of targets) if (t.k === 'name' && an.constDefs.has(t.id)) an.accumulated.add(t.id);
  // w = w - lr * dw / W = [w - a * g for w, g in zip(W, grads)] in a loop: the initial value is being trained
  if (op === null && ctx.loopVars.size > 0 && value)
    for (const t of targets) if (t.k === 'name' && an.constDefs.has(t.id) && rebindsFromItself(t.id, value)) an.accumulated.add(t.id);
  // results[C] = score / history['loss'] = ...: a container filled by item; it takes the phase of the statement filling it
  for (const t of targets) {
    if (t.k === 'sub' && t.obj.k === 'name' && an.constDefs.has(t.obj.id)) {
      an.accumulated.add(t.obj.id);
      // a literal one ({}) carries the phase of the loop filling it, as rows.append(...) does (cv[name] = {'acc': ...};
      // pd.DataFrame(cv)); starting values (oof = np.zeros(n), P = rng.normal(...)) keep their own
      if (an.constDefs.get(t.obj.id)!.sigs.some((x) => x.ev.endsWith(' = literal (constant) -> other'))) ctx.mutated.add(t.obj.id);
    }
  }
  // df['cluster'] = km.fit_predict(X): a column holding a model's output (cluster summaries read it later)
  if (v.taint & T_PRED && !(v.taint & T_DATA))
    for (const t of targets)
      if (t.k === 'sub' && t.idx.length === 1 && t.idx[0]!.k === 'str' && t.idx[0]!.parts.length === 0) {
        an.predColumns.add(t.idx[0]!.v);
        // new['cluster'] = km.predict(scaler.transform(new)): predicted (not the labels fitting made: fit_predict)
        if (ctx.sigs.some((x) => x.phase === 'prediction' && x.src === 'kb')) an.predictedColumns.add(t.idx[0]!.v);
      }
  an.lastValueTaint = v.taint;
  an.lastValueSum = v.sum === true;
  // attribute reads (X.shape[1]) inside an assignment are not inspection
  for (let i = ctx.sigs.length - 1; i >= 0; i--) if (ctx.sigs[i]!.attr && ctx.sigs[i]!.phase === 'data_exploration') ctx.sigs.splice(i, 1);
  // aggregates used inside arithmetic ((x - x.mean()) / x.std()) compute something, they do not inspect
  // (but arithmetic on aggregates only — df.isnull().sum() / len(df) * 100 — is still a summary being inspected)
  const subTarget = targets.some((t) => t.k === 'sub');
  if (ctx.rawArith || subTarget || (ctx.mask && ![...ctx.names].some((n) => ctx.scope.get(n)?.sum) && !ctx.sigs.some((x) => x.phase === 'data_exploration' && x.src === 'kb' && PLOT_EV_RE.test(x.ev)))) {
    for (let i = ctx.sigs.length - 1; i >= 0; i--) if (ctx.sigs[i]!.phase === 'data_exploration' && ctx.sigs[i]!.src === 'kb' && !PLOT_EV_RE.test(ctx.sigs[i]!.ev)) ctx.sigs.splice(i, 1);
  }
  // df = df[df.text.str.len() > 50]: what the mask computes only selects rows (rules/row-filters.test.ts)
  if (value && isSelfRowFilter(targets, value))
    for (let i = ctx.sigs.length - 1; i >= 0; i--) if (ctx.sigs[i]!.phase === 'feature_engineering' && ctx.sigs[i]!.src === 'kb') ctx.sigs.splice(i, 1);
  const rhsNames = ctx.names;
  const strongBefore = hasStrong(ctx.sigs);
  const onlyDrop = ctx.sigs.every((s) => (s.src !== 'kb' && s.src !== 'user') || /\.(drop|loc|iloc|astype|values|to_numpy|fillna)\b/.test(s.ev) || s.phase === 'data_exploration');
  const tnames: string[] = [];
  for (const t of targets) collectTargetNames(t, tnames);
  // user_index = {u: i for i, u in enumerate(df.user.unique())}: distinct values kept for something (rules/distinct-values.ts)
  if (value && op === null && targets.every((t) => t.k === 'name') && keptDistinctValues(ctx.sigs, tnames, rhsNames, value) && v.origin === 'data_exploration') v = { ...v, origin: null };

  // targets that are not plain names
  for (const t of targets) {
    if (t.k === 'sub') an.subscriptTarget(t, value, ctx, strongBefore);
    else if (t.k === 'attr') {
      const base = an.expr(t.obj, an.newCtx(ctx.scope, ctx.fn, ctx.line, ctx.cell, ctx.offset, ctx.loopVars), 0, false);
      const root = attrRoot(t);
      const column = attributeColumn(t, base, value, ctx);
      if (base.mod || (root && /^(plt|mpl|matplotlib|pd|pandas|np|sns|os|torch|tf|warnings|sys)$/.test(root) && !ctx.scope.get(root))) {
        ctx.sigs.push({ phase: 'setup', w: 1, ev: `${exprText(t)} = ... (configuration) -> setup`, src: 'kb' });
      } else if (base.taint & T_MODEL && !strongBefore) {
        ctx.sigs.push({ phase: 'model_training', w: 0.8, ev: `${exprText(t)} = ... (model attribute) -> model_training`, src: 'shape' });
      } else if (!strongBefore && /^(columns|index|name|names|freq|dtype|dtypes)$/.test(t.attr) && root && (() => {
        const rv = ctx.scope.get(root);
        return !!rv && (rv.taint & (T_DATA | T_LABEL) || rv.t === 'pandas.DataFrame' || rv.t === 'pandas.Series') !== 0 && !rv.mod;
      })()) {
        ctx.sigs.push({ phase: 'data_cleaning', w: 0.9, ev: `${exprText(t)} = ... (columns / index of the data set) -> data_cleaning`, src: 'shape' });
      } else if (column) {
        an.subscriptTarget(column, value, ctx, strongBefore); // train.Fare = ...: the column train['Fare'] (rules/attribute-columns.ts)
      } else if (base.inst && !strongBefore && value) {
        // self.x = ... inside methods: nothing on its own
      }
    }
  }

  const nameTargets = targets.filter((t) => t.k === 'name' || t.k === 'seq');
  // correct += (model(xb).argmax(1) == yb).sum().item(): predictions made inline and compared with labels at once
  if (ctx.errorShape && nameTargets.length > 0 && strongBefore && ctx.sigs.every((x) => x.phase === 'prediction' || (x.src !== 'kb' && x.src !== 'user')))
    ctx.sigs.push({ phase: 'model_evaluation', w: 1.2, ev: `shape: ${tnames[0]} = predictions compared with labels -> model_evaluation`, src: 'shape' });
  // Y_train = np.eye(K)[y_train]: labels one-hot encoded (rules/one-hot.ts)
  if (value && isOneHotRows(value, ctx.scope)) ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: ONE_HOT_EV, src: 'shape' });
  const strong = hasStrong(ctx.sigs);
  // a model of the user's own class (algo = FunkSVD(...)), whose methods the knowledge base cannot know
  const userModel = (e: Expr): boolean => e.k === 'name' && !!ctx.scope.get(e.id)?.inst && ((ctx.scope.get(e.id)?.taint ?? 0) & T_MODEL) !== 0;
  // made or tried by a search: its candidates, its scores per candidate
  const fromTuning = (n: string): boolean => ctx.scope.get(n)?.origin === 'hyperparameter_tuning' || !!an.constDefs.get(n)?.sigs.some((x) => x.phase === 'hyperparameter_tuning');
  // every value the right-hand side reads (modules and functions aside) was made or tried by a search
  const onlyTuningRead = (names: Set<string>): boolean => {
    const values = [...names].filter((n) => {
      const x = ctx.scope.get(n);
      return !!x && !x.mod && !x.fn && !x.ucls;
    });
    return values.length > 0 && values.every(fromTuning);
  };
  const splitTargets = tnames.length > 0 && tnames.every((n) => SPLIT_NAME_RE.test(n) || LABEL_RE.test(n) || FEATURE_RE.test(n)) && tnames.some((n) => SPLIT_NAME_RE.test(n));
  const dropOfOther = value !== null && value.k === 'call' && value.fn.k === 'attr' && value.fn.attr === 'drop' && value.args.some((a) => a.k === 'attr' && a.attr === 'index' && a.obj.k === 'name' && SPLIT_NAME_RE.test(a.obj.id));
  // X_tr, y_tr = X[train_idx], y[train_idx] (top level) / X = all_data[:len(train)]: rows of one side of a split
  const cutBySide = value !== null && ctx.loopVars.size === 0 && ((splitTargets && isIndexSplit(value)) || (tnames.length === 1 && isCutAtSplitLength(value)));
  if (nameTargets.length > 0 && value && !ctx.sigs.some((x) => x.phase === 'data_splitting') && (splitTargets || cutBySide) && v.taint & (T_DATA | T_LABEL) && ((ctx.slice && !ctx.mask) || dropOfOther || cutBySide)) {
    // train = data[:80] / X_test = X[n:] / test = df.drop(train.index): rows split into named parts
    for (const x of ctx.sigs) if (x.phase !== 'data_splitting') x.w *= 0.3;
    ctx.sigs.push({ phase: 'data_splitting', w: 1.2, ev: `shape: rows sliced into ${tnames.join(', ')} -> data_splitting`, src: 'shape' });
  } else if (nameTargets.length > 0 && value && splitTargets && ctx.mask && v.taint & (T_DATA | T_LABEL) && !tnames.some((n) => rhsNames.has(n)) && (() => {
    // train, valid = long[long.date < last], long[long.date >= last]: both parts at once
    const parts = value.k === 'seq' && value.items.length === tnames.length ? value.items : [value];
    const roots = new Set(parts.map((p) => (p.k === 'sub' || p.k === 'call' || p.k === 'attr' ? attrRoot(p.k === 'call' && p.fn.k === 'attr' ? p.fn.obj : p) : null)));
    const r = roots.size === 1 ? [...roots][0]! : null;
    return r !== null && !SPLIT_NAME_RE.test(r) && !ctx.sigs.some((x) => x.phase === 'data_splitting' || x.phase === 'prediction' || x.phase === 'model_training');
  })()) {
    // train = df[df['Survived'].notnull()] / val = df.loc[df.date >= '2017'] : the combined frame split back into parts
    for (const x of ctx.sigs) x.w *= 0.3;
    ctx.sigs.push({ phase: 'data_splitting', w: 1.2, ev: `shape: rows of the combined data selected into ${tnames.join(', ')} -> data_splitting`, src: 'shape' });
  } else if (nameTargets.length > 0 && value && tnames.every((n) => SUBMISSION_RE.test(n)) && (v.taint & T_PRED || tnames.every((n) => SUBMISSION_STRONG_RE.test(n)) || (value.k === 'call' && /(^|\.)DataFrame$/.test(exprText(value.fn).replace(/\(\.\.\.\)$/, '')))) && !ctx.sigs.some((x) => x.phase === 'model_persistence' || x.phase === 'prediction' || x.phase === 'data_loading')) {
    // submission = pd.DataFrame({'Id': ids, 'SalePrice': preds}) / sub = pd.DataFrame(): the content of the
    // predictions file being written (issue 13: writing a predictions file is not model building)
    for (const x of ctx.sigs) x.w *= 0.3;
    ctx.sigs.push({ phase: 'model_persistence', w: 1, ev: `${tnames[0]} = ... (submission frame) -> model_persistence`, src: 'name' });
  } else if (tnames.length === 1 && COLS_RE.test(tnames[0]!) && value && (value.k === 'comp' || isColumnList(value) || joinsColumnLists(value, an.columnLists)) && !(v.taint & T_METRIC) && !ctx.sigs.some((x) => x.phase !== 'data_exploration' && x.phase !== 'other' && x.w >= 0.5)) {
    // features = [c for c in df.columns if c != 'target'] / num_cols = ['a', 'b']: a selection of columns
    for (const x of ctx.sigs) x.w *= 0.3;
    ctx.sigs.push({ phase: 'feature_engineering', w: 0.9, ev: `${tnames[0]} = [...] (selection of columns) -> feature_engineering`, src: 'name' });
  } else if (nameTargets.length > 0 && value && (value.k === 'dict' || isDictCall(value)) && tnames.some((n) => HT_GRID_RE.test(n)) && !(value.k === 'dict' && isModelZoo(value, ctx.sigs))) {
    for (const x of ctx.sigs) x.w *= 0.3;
    ctx.sigs.push({ phase: 'hyperparameter_tuning', w: 1.3, ev: `${tnames[0]} = {search space} -> hyperparameter_tuning`, src: 'name' });
    // random_grid = {'n_estimators': n_estimators, ...}: the lists bound before are its candidates (rules/search-space.ts)
    if (markCandidates(dictValueNames(value), (n) => an.constDefs.get(n))) an.impure = true;
  } else if (nameTargets.length > 0 && tnames.some((n) => BEST_RE.test(n) && !BEST_FEATURES_RE.test(n)) && (!strong || ctx.sigs.some((x) => x.phase === 'hyperparameter_tuning')) && (v.origin === 'hyperparameter_tuning' || v.taint & T_METRIC || ctx.sigs.some((x) => x.phase === 'hyperparameter_tuning') || rhsNames.size > 0)) {
    // best_name = max(cv_scores, key=...) at top level, from no tuning: a pick among compared results (rules/best-of-comparison.ts)
    if (value && !ctx.fn && ctx.loopVars.size === 0 && !isStartingBest(value) && v.origin !== 'hyperparameter_tuning' && !ctx.sigs.some((x) => x.phase === 'hyperparameter_tuning') && ![...rhsNames].some(fromTuning))
      ctx.sigs.push({ phase: 'model_evaluation', w: 1, ev: BEST_OF_COMPARISON_EV(tnames[0]!), src: 'name' });
    else ctx.sigs.push({ phase: 'hyperparameter_tuning', w: 1, ev: `${tnames[0]} = best candidate -> hyperparameter_tuning`, src: 'name' });
  } else if (nameTargets.length > 0 && value && !strong && picksCandidate(value, fromTuning)) {
    // optimal_k = neighbors[MSE.index(min(MSE))]: whatever its name, the candidate at the best score (rules/search-space.ts)
    ctx.sigs.push({ phase: 'hyperparameter_tuning', w: 1, ev: `${tnames[0]} = candidate at the best score -> hyperparameter_tuning`, src: 'name' });
  } else if (nameTargets.length > 0 && !strong) {
    // shape heuristics for plain assignments
    if (op !== null && ctx.loopVars.size > 0 && tnames.some((n) => WEIGHT_RE.test(n) || GRAD_RE.test(n))) {
      ctx.sigs.push({ phase: 'model_training', w: 1.2, ev: `shape: ${tnames[0]} ${op} ... updated in a loop -> model_training`, src: 'shape' });
    } else if (tnames.some((n) => SEED_RE.test(n)) && value && isLiteral(value)) {
      ctx.sigs.push({ phase: 'setup', w: 1, ev: `${tnames[0]} = literal (seed) -> setup`, src: 'name' });
    } else if (value && isLiteral(value)) {
      if (value.k === 'dict' && tnames.some((n) => GRID_RE.test(n)) && value.vals.some((x) => x.k === 'seq'))
        ctx.sigs.push({ phase: 'hyperparameter_tuning', w: 1, ev: `${tnames[0]} = {candidates} -> hyperparameter_tuning`, src: 'name' });
      else if (!ctx.fn) {
        const colList = tnames.length === 1 && isStringList(value);
        // var_mod = ['Item_Fat_Content', 'Outlet_Size', ...] / IDcol = [...]: whatever the name, strings already met as columns of the data
        if (colList && (COLS_RE.test(tnames[0]!) || COL_GROUP_RE.test(tnames[0]!) || namesColumns(value, an.seenColumns)))
          ctx.sigs.push({ phase: 'feature_engineering', w: 0.8, ev: `${tnames[0]} = [column names] (feature selection) -> feature_engineering`, src: 'name' });
        else ctx.sigs.push({ phase: 'other', w: 0.5, ev: `${tnames[0] ?? '?'} = literal (constant) -> other`, src: 'name' });
        // EPOCHS = 25 / MAX_LEN = 200: a setting named as a constant stays other (rules/named-constants.ts)
        if (isNamedScalarConstant(tnames, value)) for (const n of tnames) an.namedConstants.add(n);
        if (tnames.length === 1 && op === null && (value.k === 'dict' || value.k === 'seq' || value.k === 'num')) { // (count += 1 updates, defines nothing)
          an.constDefs.set(tnames[0]!, rec);
          if (colList) an.columnLists.add(tnames[0]!);
          an.impure = true;
        } else if (tnames.length > 1 && value.k === 'seq' && value.items.length === tnames.length && value.items.every((x) => x.k === 'num' || (x.k === 'seq' && x.items.length === 0))) {
          // train_losses, val_losses = [], []: several accumulators at once
          for (const n of tnames) an.constDefs.set(n, rec);
          an.impure = true;
        }
      }
    } else if (value && isRandomMask(value)) {
      // msk = np.random.rand(len(df)) < 0.8: train = df[msk], test = df[~msk] (expr.ts)
      ctx.sigs.push({ phase: 'data_splitting', w: 1, ev: `shape: ${tnames[0]} = random mask of rows (split) -> data_splitting`, src: 'shape' });
    } else if (value && (isSplitIndex(value) || an.constDefs.has(splitFractionName(value) ?? ''))) {
      ctx.sigs.push({ phase: 'data_splitting', w: 0.9, ev: `shape: ${tnames[0]} = a fraction of len(...) (split point) -> data_splitting`, src: 'shape' });
      // int(len(rows) * TRAIN_SHARE): the module constant is the split's parameter
      const frac = splitFractionName(value);
      if (frac) ctx.constUses.push({ name: frac, phase: 'data_splitting' });
    } else if (ctx.solve && !ctx.errorShape) {
      // sol = np.linalg.pinv(Xb) @ y (rules/learnt-params.ts): the value is learnt parameters, whatever its name
      ctx.sigs.push({ phase: 'model_training', w: 1, ev: `shape: ${tnames[0]} solved from features and labels -> model_training`, src: 'shape' });
      v = LEARNT;
    } else if (WEIGHT_RE.test(tnames[0] ?? '') && v.taint & T_DATA && v.taint & T_LABEL && ctx.arith) {
      ctx.sigs.push({ phase: 'model_training', w: 1, ev: `shape: ${tnames[0]} solved from features and labels -> model_training`, src: 'shape' });
    } else if (value && value.k === 'comp' && value.filter && tnames.some((n) => rhsNames.has(n))) {
      ctx.sigs.push({ phase: 'data_cleaning', w: 0.9, ev: `shape: ${tnames[0]} filtered by a comprehension -> data_cleaning`, src: 'shape' });
    } else if (ctx.errorShape) {
      ctx.sigs.push({ phase: 'model_evaluation', w: 1, ev: `shape: ${tnames[0]} = predictions compared with labels -> model_evaluation`, src: 'shape' });
    } else if (ctx.unknownCalls.some((c) => LOAD_FN_RE.test(c))) {
      const c = ctx.unknownCalls.find((x) => LOAD_FN_RE.test(x))!;
      ctx.sigs.push({ phase: 'data_loading', w: 1, ev: `${c}(...) (loader by name) -> data_loading`, src: 'name' });
    } else if (value && value.k === 'call' && value.fn.k === 'attr' && tnames.length === 1 && attrRoot(value.fn.obj) === tnames[0] && (v.t === 'pandas.DataFrame' || v.t === 'pandas.Series') && !ctx.arith) {
      const made = ctx.scope.get(tnames[0]!)?.origin;
      // x_train.reshape(...) after x_train = x_train / 255, X_sub.reindex(columns=X.columns): continues feature engineering
      if (continuesFeatures(made, value))
        ctx.sigs.push({ phase: 'feature_engineering', w: 0.8, ev: `shape: ${tnames[0]} reorganised (${value.fn.attr}) as the features -> feature_engineering`, src: 'shape' });
      else ctx.sigs.push({ phase: 'data_cleaning', w: 0.8, ev: `shape: ${tnames[0]} reorganised in place (${value.fn.attr}) -> data_cleaning`, src: 'shape' });
    } else if (ctx.mask && v.taint & T_DATA && !(v.taint & T_METRIC) && v.sum) {
      ctx.sigs.push({ phase: 'data_exploration', w: 0.7, ev: `shape: ${tnames[0]} = entries of a summary selected -> data_exploration`, src: 'shape' });
    } else if (value && tnames.length === 1 && METRIC_RE.test(tnames[0]!) && !PRED_RE.test(tnames[0]!) && an.isPrealloc(value)) {
      const ph: Phase = 'model_evaluation';
      ctx.sigs.push({ phase: ph, w: 0.6, ev: `${tnames[0]} = empty container for results -> ${ph}`, src: 'name' });
    } else if (ctx.mask && v.taint & T_DATA && !(v.taint & T_METRIC) && !v.sum && maskOnModelOutput(an, rhsNames, ctx)) {
      // df[df['cluster'] >= 0] / X[labels == j]: rows selected by the model's output, to look at what it found
      ctx.sigs.push({ phase: 'model_evaluation', w: 0.9, ev: `shape: rows selected by a model's output -> model_evaluation`, src: 'shape' });
    } else if (ctx.mask && v.taint & T_DATA && !(v.taint & T_METRIC) && !v.sum) {
      // df = df[df.price > 0]: the data set rid of rows; rows picked into a new name (latest = gap[gap.year == 2007])
      // are a selection for what reads them: cleaning only until a reader decides (rules/used-for.ts, row-filters.test.ts)
      // rows picked per group in a loop or a comprehension (points[labels == j] for j in ...) or by a fold's indices
      // (tr = long[long.date.isin(dates[tr_idx])]) clean nothing
      const self = tnames.some((n) => rhsNames.has(n));
      const byFold = [...rhsNames].some((n) => ctx.scope.get(n)?.t === 'Split');
      if (self || (ctx.loopVars.size === 0 && !byFold && !(value && hasComp(value))))
        ctx.sigs.push({ phase: 'data_cleaning', w: 0.9, ev: `shape: rows filtered by a condition -> data_cleaning`, src: 'shape', ...(self ? {} : { provisional: true }) });
    } else if (value && value.k === 'sub' && tnames.length === 1 && value.obj.k === 'name' && value.obj.id === tnames[0] && !FEATURE_RE.test(tnames[0]!) && !LABEL_RE.test(tnames[0]!) && v.taint & T_DATA && value.idx.length === 1 && value.idx[0]!.k === 'seq' && value.idx[0]!.items.length > 0 && value.idx[0]!.items.every((x) => x.k === 'str')) {
      ctx.sigs.push({ phase: 'data_cleaning', w: 0.8, ev: `shape: ${tnames[0]} reduced to columns [...] -> data_cleaning`, src: 'shape' });
    } else if (value && tnames.length > 0 && tnames.every((n) => TRUTH_RE.test(n)) && v.taint & (T_DATA | T_LABEL | T_PRED) && !(v.taint & (T_MODEL | T_METRIC))) {
      // y_true = test_gen.classes / trues = np.concatenate(trues) * std + mean: the truth an evaluation scores against
      ctx.sigs.push({ phase: 'model_evaluation', w: 0.9, ev: `${tnames[0]} = the true values to score against -> model_evaluation`, src: 'name' });
    } else if (value && tnames.length === 1 && PRED_RE.test(tnames[0]!) && rhsNames.has(tnames[0]!) && ctx.arith && (v.taint & (T_PRED | T_METRIC)) === T_PRED) {
      // preds = np.concatenate(preds) * std + mean: predictions brought back to the scale of the data are predictions
      ctx.sigs.push({ phase: 'prediction', w: 0.8, ev: `shape: ${tnames[0]} predictions rescaled -> prediction`, src: 'shape' });
    } else if (value && value.k === 'call' && value.fn.k === 'attr' && tnames.length === 1 && attrRoot(value.fn.obj) === tnames[0] && v.taint & T_DATA && !ctx.arith && v.t !== 'pandas.DataFrame' && v.t !== 'pandas.Series') {
      ctx.sigs.push({ phase: 'feature_engineering', w: 0.7, ev: `shape: ${tnames[0]} reshaped from itself (${value.fn.attr}) -> feature_engineering`, src: 'shape' });
    } else if (tnames.some((n) => rhsNames.has(n)) && v.taint & (T_DATA | T_LABEL) && (ctx.arith || ctx.unknownCalls.length > 0)) {
      ctx.sigs.push({ phase: 'feature_engineering', w: 0.9, ev: `shape: ${tnames.find((n) => rhsNames.has(n))} transformed from itself -> feature_engineering`, src: 'shape' });
    } else if (tnames.some((n) => (FEATURE_RE.test(n) || LABEL_RE.test(n)) && !PRED_RE.test(n)) && v.taint & T_DATA) {
      ctx.sigs.push({ phase: 'feature_engineering', w: 0.9, ev: `shape: features/target ${tnames.join(', ')} selected -> feature_engineering`, src: 'shape' });
    } else if (tnames.some((n) => METRIC_RE.test(n)) && v.taint & (T_PRED | T_LABEL | T_MODEL) && (v.taint & (T_PRED | T_LABEL | T_MODEL | T_METRIC)) !== T_PRED) {
      // MSE = [1 - x for x in cv_scores] with cv_scores kept per candidate by a sweep: the sweep's scores restated
      const ph: Phase = onlyTuningRead(rhsNames) ? 'hyperparameter_tuning' : 'model_evaluation';
      ctx.sigs.push({ phase: ph, w: 0.8, ev: `shape: ${tnames[0]} computed from ${ph === 'model_evaluation' ? 'predictions/labels' : "a search's scores"} -> ${ph}`, src: 'name' });
    } else if (tnames.length === 1 && ID_RE.test(tnames[0]!) && value && value.k === 'sub' && v.taint & T_DATA && value.idx.length === 1 && value.idx[0]!.k === 'str') {
      ctx.sigs.push({ phase: 'feature_engineering', w: 0.6, ev: `shape: id column ${tnames[0]} set aside -> feature_engineering`, src: 'shape' });
    } else if (v.taint & T_METRIC && !(v.taint & T_PRED) && value && value.k !== 'dict' && !isLiteral(value) && an.onlyScoresRead(rhsNames, ctx)) {
      // scores_df = pd.DataFrame(scores).T with scores filled per candidate by a sweep: the sweep's table (rules/sweep-results.test.ts)
      const ph: Phase = [...rhsNames].some((n) => ctx.scope.get(n)?.origin === 'hyperparameter_tuning') ? 'hyperparameter_tuning' : 'model_evaluation';
      ctx.sigs.push({ phase: ph, w: 0.6, ev: `def-use: ${tnames[0]} derived from scores -> ${ph}`, src: 'name' });
    } else if (tnames.length === 1 && PRED_RE.test(tnames[0]!) && value && value.k === 'call' && value.fn.k === 'attr' && value.args.length > 0 && userModel(value.fn.obj)) {
      // test_pred = algo.test(testset) with algo a model of the user's class: a method of the model named as its predictions
      ctx.sigs.push({ phase: 'prediction', w: 0.8, ev: `shape: ${tnames[0]} = output of the model's ${value.fn.attr}() -> prediction`, src: 'shape' });
    } else if (v.taint & T_PRED && !(v.taint & T_METRIC)) {
      ctx.sigs.push({ phase: 'prediction', w: 0.8, ev: `shape: ${tnames[0]} holds predictions -> prediction`, src: 'shape' });
    } else if (tnames.length === 1 && PRED_RE.test(tnames[0]!) && (v.taint & (T_DATA | T_LABEL | T_METRIC | T_MODEL)) === T_DATA && value && value.k === 'call' && value.fn.k === 'attr' && /^(argmax|argmin)$/.test(value.fn.attr) && ctx.loopVars.size === 0) {
      // predicted = dists.argmin(axis=1): the nearest of what a hand-written model computed for each row, named a prediction
      ctx.sigs.push({ phase: 'prediction', w: 0.8, ev: `shape: ${tnames[0]} = arg-extreme of computed scores (named a prediction) -> prediction`, src: 'shape' });
    } else if (v.taint & T_DATA && ctx.arith && !ctx.fn && ctx.loopVars.size === 0) {
      // dists = ((Z - centroids) ** 2).sum(2) / persistence = test['t'].values * std + mean: arithmetic on data
      // computes something for its reader (a prediction, a baseline scored, a figure); features when none tells
      ctx.sigs.push({ phase: 'feature_engineering', w: 0.6, ev: `shape: derived values ${tnames[0]} -> feature_engineering`, src: 'shape', provisional: true });
    } else if (v.origin && v.origin !== 'other' && v.origin !== 'setup' && value && value.k === 'call' && rhsNames.size > 0) {
      ctx.sigs.push({ phase: v.origin, w: 0.5, ev: `def-use: ${tnames[0]} continues ${v.origin} -> ${v.origin}`, src: 'name', ...(ACQUIRED.has(v.origin) && !tnames.some((n) => rhsNames.has(n)) ? { provisional: true } : {}) });
    }
  } else if (nameTargets.length > 0 && onlyDrop && tnames.some((n) => (FEATURE_RE.test(n) || LABEL_RE.test(n)) && !PRED_RE.test(n) && !rhsNames.has(n)) && v.taint & T_DATA) {
    // X = df.drop('price', axis=1)  → selection of features, not cleaning; X = df[cols].fillna(0) selects and fills
    const drop = ctx.sigs.filter((s) => (s.phase === 'data_cleaning' || s.phase === 'data_exploration') && !/\.fillna\b/.test(s.ev));
    for (const d of drop) d.w *= 0.3;
    ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: `shape: features/target ${tnames.join(', ')} selected -> feature_engineering`, src: 'shape' });
  }
  if (strong && value && value.k === 'bin' && op === null && tnames.some((n) => rhsNames.has(n)) && v.taint & T_DATA && ctx.sigs.some((x) => x.phase === 'data_cleaning') && !ctx.sigs.some((x) => x.phase === 'feature_engineering')) {
    // x = x.astype('float32') / 255.0: the arithmetic is the point (scaling)
    for (const x of ctx.sigs) if (x.phase === 'data_cleaning') x.w *= 0.5;
    ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: `shape: ${tnames[0]} rescaled from itself -> feature_engineering`, src: 'shape' });
  }
  if (op !== null && ctx.loopVars.size > 0 && tnames.some((n) => WEIGHT_RE.test(n)) && value && mentions(value, GRAD_RE)) {
    if (!ctx.sigs.some((s) => s.phase === 'model_training')) ctx.sigs.push({ phase: 'model_training', w: 1.2, ev: `shape: ${tnames[0]} updated from a gradient -> model_training`, src: 'shape' });
  }
  // W = [w - alpha * g for w, g in zip(W, grads)] / w = w - lr * dw / np.subtract(W, lr * g): a gradient step
  const steps = value && targets.length === 1 ? parameterUpdate(targets[0]!, value, op) : null;
  if (steps) handWrittenUpdate(an, exprText(targets[0]!), steps, ctx);
  if (value && op === null && !ctx.fn && ctx.loopVars.size === 0 && tnames.length === 1 && targets[0]!.k === 'name' && isInitialValue(value) && ctx.sigs.every((x) => x.phase === 'other' || x.src === 'shape')) {
    // w = np.zeros(d) / params = [np.zeros(d)]: a starting value; it takes the phase of the loop that updates it (accumulators)
    ctx.sigs.length = 0;
    ctx.sigs.push({ phase: 'other', w: 0.4, ev: `${tnames[0]} = initial values -> other`, src: 'name' });
    an.constDefs.set(tnames[0]!, rec);
    an.impure = true;
  }
  // k_values = range(2, 11) / alphas = np.logspace(-3, 3, 7): values to try, a constant until a search uses them (rules/search-space.ts)
  if (value && op === null && !ctx.fn && ctx.loopVars.size === 0 && tnames.length === 1 && targets[0]!.k === 'name' && isValueRange(value) && ctx.sigs.every((x) => x.phase === 'other')) {
    ctx.sigs.length = 0;
    ctx.sigs.push({ phase: 'other', w: 0.5, ev: `${tnames[0]} = range of values (constant) -> other`, src: 'name' });
    an.constDefs.set(tnames[0]!, rec);
    an.impure = true;
  }
  // params = {'C': Cs, 'gamma': gammas}: a dict of named constants, a constant until a call reads it; a search reading
  // it makes its values candidates (labeller/statement.ts, rules/search-space.ts)
  const members = value && op === null && !ctx.fn && ctx.loopVars.size === 0 && tnames.length === 1 && targets[0]!.k === 'name' ? constantDictMembers(value, (n) => an.constDefs.has(n)) : [];
  if (members.length > 0 && ctx.sigs.every((x) => x.phase === 'other')) {
    if (ctx.sigs.length === 0) ctx.sigs.push({ phase: 'other', w: 0.5, ev: `${tnames[0]} = dict of constants -> other`, src: 'name' });
    an.constDefs.set(tnames[0]!, rec);
    an.spaceMembers.set(tnames[0]!, members);
    an.impure = true;
  }
  an.unknownCallFallback(ctx, tnames[0] ?? null);
  // a = user_fn(...): the function's own primary phase is the statement's primary phase; the names and
  // shapes around the call may only add secondary phases
  if (value && value.k === 'call' && value.fn.k === 'name') an.keepUserPrimary(value.fn.id, ctx);

  // history = list(train) before for t in range(len(test)): fit on history, forecast, history.append(test[t]): a fresh
  // list the loop fills, an accumulator like walk = [] (rules/accumulators.ts)
  const fresh = !ctx.fn && ctx.loopVars.size === 0 && op === null && tnames.length === 1 && targets[0]!.k === 'name' && value && isFreshList(value) ? freshCopySignals(tnames[0]!, ctx.sigs) : null;
  if (fresh) {
    ctx.sigs.splice(0, ctx.sigs.length, ...fresh);
    an.constDefs.set(tnames[0]!, rec);
    an.impure = true;
  }
  // bind the targets
  const top = provisionalTop(ctx.sigs);
  const origin: Phase | null = top ?? v.origin;
  for (const t of targets) an.bind(t, value, v, origin, ctx);
  if (value && targets.length === 1 && targets[0]!.k === 'name' && isRandomMask(value)) ctx.scope.set(targets[0]!.id, { ...ctx.scope.get(targets[0]!.id)!, splitMask: true });
  else if (value && targets.length === 1 && targets[0]!.k === 'name' && v.taint & T_DATA && (isConditionMask(value) || isMaskCall(value))) ctx.scope.set(targets[0]!.id, { ...ctx.scope.get(targets[0]!.id)!, rowMask: true });
  if (op === null && ctx.loopVars.size === 0)
    for (const t of targets) {
      const k = t.k === 'name' ? t.id : t.k === 'attr' && t.obj.k === 'name' ? `${t.obj.id}.${t.attr}` : null;
      if (k) an.binders.set(`${ctx.fn?.key ?? ''}:${k}`, rec);
      // best_val, best_state, patience = float('inf'), None, 0: each name of a tuple of starting values
      else if (t.k === 'seq') for (const x of t.items) if (x.k === 'name') an.binders.set(`${ctx.fn?.key ?? ''}:${x.id}`, rec);
    }
}

/** the expression holds a comprehension or a generator */
function hasComp(e: Expr): boolean {
  switch (e.k) {
    case 'comp':
      return true;
    case 'call':
      return hasComp(e.fn) || e.args.some(hasComp) || e.kw.some(([, a]) => hasComp(a));
    case 'bin':
      return hasComp(e.l) || hasComp(e.r);
    case 'sub':
      return hasComp(e.obj) || e.idx.some(hasComp);
    case 'attr':
      return hasComp(e.obj);
    case 'unary':
      return hasComp(e.e);
    case 'seq':
      return e.items.some(hasComp);
    default:
      return false;
  }
}

/** `cat_cols + ['MONTH', 'DAY']` / `num_cols + cat_cols` / `['day'] + [f'lag_{l}' ...]`: lists of column names joined */
function joinsColumnLists(e: Expr, lists: ReadonlySet<string>): boolean {
  if (e.k !== 'bin' || e.op !== '+') return false;
  const side = (x: Expr): boolean => (x.k === 'name' && lists.has(x.id)) || isStringList(x) || isColumnList(x) || isNameTemplateComp(x) || joinsColumnLists(x, lists);
  return side(e.l) && side(e.r) && [e.l, e.r].some((x) => x.k === 'name' || x.k === 'bin' || isNameTemplateComp(x)); // (['day'] + [f'lag_{l}' for l in LAGS])
}

/** the names read are score containers (results, importances) and no raw data */
export function onlyScoresRead(an: Engine, names: Set<string>, ctx: Ctx): boolean {
  let score = false;
  for (const n of names) {
    const v = ctx.scope.get(n);
    if (!v || v.mod || v.fn) continue;
    if (v.sum || v.origin === 'data_exploration') return false;
    if (v.taint & T_METRIC) score = true;
    else if (v.taint & (T_DATA | T_LABEL | T_PRED)) return false;
  }
  return score;
}

/** a mask reading a model's output: a column assigned predictions (df['cluster']) or a name holding predictions */
function maskOnModelOutput(an: Engine, names: Set<string>, ctx: Ctx): boolean {
  if ([...ctx.strings].some((x) => an.predColumns.has(x))) return true;
  return [...names].some((n) => {
    const v = ctx.scope.get(n);
    return !!v && !v.mod && (v.taint & (T_PRED | T_DATA)) === T_PRED;
  });
}

/** preallocation of a result container: oof = np.zeros(len(df)) / feature_importance = pd.DataFrame() */
export function isPrealloc(an: Engine, value: Expr): boolean {
  if (value.k !== 'call') return false;
  const t = exprText(value.fn).replace(/\(\.\.\.\)$/, '');
  return /(^|\.)(zeros|empty|ones|full|zeros_like|empty_like)$/.test(t) || (/(^|\.)(DataFrame|Series)$/.test(t) && value.args.length === 0 && value.kw.length === 0);
}

/** A hand-written gradient step (rules/updates.ts): model training; its literal step sizes are parameters. */
function handWrittenUpdate(an: Engine, target: string, steps: string[], ctx: Ctx): void {
  if (!ctx.sigs.some((s) => s.phase === 'model_training' && /updated/.test(s.ev))) {
    for (const x of ctx.sigs) if (x.phase !== 'model_training') x.w *= 0.3;
    ctx.sigs.push({ phase: 'model_training', w: 1.2, ev: `shape: ${target} updated by a gradient step -> model_training`, src: 'shape' });
  }
  const line = ctx.line + 1;
  for (const n of steps) {
    ctx.constUses.push({ name: n, phase: 'model_training' });
    const lit = ctx.scope.get(n)?.lit;
    if (typeof lit === 'number' && !an.params.some((p) => p.name === n && p.line === line && p.cell === ctx.cell))
      an.params.push({ name: n, value: lit, line, cell: ctx.cell, call: `update of ${target}` });
  }
}
