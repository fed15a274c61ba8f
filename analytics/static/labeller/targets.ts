/** Binding assigned values to names, and the rules of subscript targets (df[col] = ...: derived columns, encodings, masked replacements). */
import type { Expr } from '../ir.js';
import type { Phase } from '../phases.js';
import { chainHasRecode, isMaskedNumericRecode } from '../rules/encoding.js';
import { isParsedMeasure } from '../rules/parsed-measures.js';
import { isModelStep } from '../rules/helper-roles.js';
import { scoresColumn } from '../rules/truth-vs-predictions.js';
import { replacesWhere } from '../rules/conditional-replacement.js';
import type { Val, Ctx } from './model.js';
import { T_DATA, T_LABEL, T_MODEL, T_PRED, T_METRIC, phaseTaint } from './values.js';
import { SUBMISSION_RE, SUBMISSION_STRONG_RE, nameVal } from './names.js';
import { isLiteral, collectStrings, attrRoot, exprText, isMaskCall } from './expr-utils.js';
import type { Engine } from './engine.js';
import { BINNING_EV, isRangeBinning } from '../rules/binning.js';
import { FLAG_SET_EV, flagCompletion } from '../rules/flag-columns.js';
import { isScalarLiteral } from '../rules/scalar-literals.js';

export function bind(an: Engine, t: Expr, value: Expr | null, v: Val, origin: Phase | null, ctx: Ctx): void {
  if (t.k === 'name') {
    // (inside def softmax(scores): scores = scores - scores.max(...) rescales raw outputs: no metric by its name)
    const nv = ctx.fn && isModelStep(ctx.fn.name) ? { ...nameVal(t.id), taint: nameVal(t.id).taint & ~T_METRIC } : nameVal(t.id);
    let taint = v.taint | phaseTaint(origin);
    // (x = 2 / y = 3 / y = a + b + c of role-less values: not features or labels by the name; lr = 0.01 still a model's
    // setting, rules/scalar-literals.ts)
    if (!v.fn && !v.ucls && !v.mod && !(v.taint & T_MODEL)) taint |= nv.taint & ((v.taint & T_PRED ? 0 : T_METRIC) | T_PRED | T_LABEL | (v.t === null ? T_DATA | T_MODEL : 0)) & (isScalarLiteral(value) || (value?.k === 'bin' && v.taint === 0) ? ~(T_DATA | T_LABEL) : ~0);
    // a submission frame holds predictions (its id column does not make it data)
    if (SUBMISSION_RE.test(t.id) && taint & T_PRED) taint &= ~(T_DATA | T_LABEL);
    if (nv.taint & T_PRED && taint & T_MODEL && !(v.taint & T_MODEL)) taint = (taint & ~T_MODEL) | T_PRED;
    ctx.scope.set(t.id, { ...v, t: v.t ?? nv.t, taint, origin: origin ?? v.origin });
    return;
  }
  if (t.k === 'seq') {
    const vals = value && value.k === 'seq' && value.items.length === t.items.length ? value.items : null;
    t.items.forEach((it, i) => {
      if (vals) {
        const sub = an.expr(vals[i]!, an.newCtx(ctx.scope, ctx.fn, ctx.line, ctx.cell, ctx.offset, ctx.loopVars), 0, false);
        an.bind(it, vals[i]!, sub, origin, ctx);
      } else if (v.items?.length === t.items.length) {
        // model, base = build_model(n) with `return model, base`: each name gets its element's value (a model stays a model)
        const el = v.items[i]!;
        an.bind(it, null, { ...el, lit: undefined, taint: el.taint | (v.taint & ~(T_MODEL | T_PRED | T_LABEL | T_DATA | T_METRIC)) }, origin, ctx);
      } else an.bind(it, null, { ...v, lit: undefined }, origin, ctx);
    });
  }
}

export function subscriptTarget(an: Engine, t: Extract<Expr, { k: 'sub' }>, value: Expr | null, ctx: Ctx, strong: boolean): void {
  const sub = an.newCtx(ctx.scope, ctx.fn, ctx.line, ctx.cell, ctx.offset, ctx.loopVars);
  const base = an.expr(t.obj, sub, 0, false);
  for (const i of t.idx) an.expr(i, sub, 0, false);
  const root = attrRoot(t.obj);
  if (base.mod || (root && /^(plt|mpl|matplotlib|pd|os)$/.test(root) && !ctx.scope.get(root))) {
    ctx.sigs.push({ phase: 'setup', w: 1, ev: `${exprText(t)} = ... (configuration) -> setup`, src: 'kb' });
    return;
  }
  // (a submission frame's columns are the predictions file's content: below)
  if (value && !(root && SUBMISSION_RE.test(root)) && predictionColumn(an, t, value, ctx, sub)) return;
  // errors['abs_err'] = (errors['actual'] - errors['pred']).abs() / per['correct'] = per['true'] == per['pred']: a column
  // of a table of predictions next to the truth, computed from both, scores them (rules/truth-vs-predictions.ts)
  if (value && !(root && SUBMISSION_RE.test(root)) && scoresColumn(base.taint, an.lastValueTaint)) {
    for (const x of ctx.sigs) if (x.phase === 'feature_engineering' || x.phase === 'data_cleaning' || x.phase === 'data_exploration') x.w *= 0.3;
    ctx.sigs.push({ phase: 'model_evaluation', w: 1, ev: 'shape: column of predictions next to the truth scored -> model_evaluation', src: 'shape' });
    return;
  }
  // df['doy'] = pd.to_datetime(df[['YEAR', 'MONTH', 'DAY']]).dt.dayofyear: the parse serves the feature derived from it
  // (runners[col] = pd.to_timedelta(runners[col]).dt.total_seconds() / 60 rewrites a column in its unit: cleaning)
  const rewritesItself = value !== null && (t.idx.some((i) => i.k === 'str' && ctx.strings.has(i.v)) || containsExpr(value, JSON.stringify(t)));
  if (value && !isParse(value) && !rewritesItself && ctx.sigs.some((x) => x.src === 'kb' && x.phase === 'feature_engineering'))
    for (const x of ctx.sigs) if (x.src === 'kb' && x.phase === 'data_cleaning' && PARSE_EV_RE.test(x.ev)) x.w *= 0.2;
  // df['Fare'] = np.where(df['Fare'] > 500, 500, df['Fare']): the column kept but where a condition holds (rules/conditional-replacement.ts)
  const written = t.idx.length === 1 && t.idx[0]!.k === 'str' && t.idx[0]!.parts.length === 0 ? t.idx[0]!.v : null;
  if (value && written !== null && replacesWhere(value, t.obj, written, (n) => ctx.scope.get(n)?.q === 'numpy')) {
    for (const x of ctx.sigs) if (x.phase === 'feature_engineering') x.w *= 0.3;
    ctx.sigs.push({ phase: 'data_cleaning', w: 1, ev: `shape: values of '${written}' replaced where a condition holds -> data_cleaning`, src: 'shape' });
    return;
  }
  if (value && ctx.compare && !sub.mask && !t.idx.some((i) => i.k === 'cmp') && (base.taint & (T_DATA | T_LABEL) || base.t !== null) && ctx.sigs.every((x) => x.phase !== 'prediction')) {
    // df['y'] = (df['y'] == '>50K').astype(int): an indicator / encoding
    for (const x of ctx.sigs) if (x.phase === 'data_cleaning') x.w *= 0.3;
    ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: 'shape: indicator column from a comparison -> feature_engineering', src: 'shape' });
    return;
  }
  const key0 = t.idx.length === 1 && t.idx[0]!.k === 'str' && t.idx[0]!.parts.length === 0 ? t.idx[0]!.v : null;
  if (value && key0 !== null && isParsedMeasure(key0, value)) {
    // df['ram_gb'] = df['ram'].str.extract(r'(\d+)\s*GB').astype(float): the same measure as a number (rules/parsed-measures.ts)
    for (const x of ctx.sigs) if (x.phase === 'feature_engineering') x.w *= 0.2;
    ctx.sigs.push({ phase: 'data_cleaning', w: 1, ev: `shape: '${key0}' parsed from its text -> data_cleaning`, src: 'shape' });
    return;
  }
  if (value && (isMaskedNumericRecode(t.idx, value) || chainHasRecode(value, (n) => ctx.scope.get(n)?.lit)) && !ctx.sigs.some((x) => x.phase === 'prediction')) {
    // rules/encoding.ts: categories recoded as numbers are feature engineering, not cleaning
    for (const x of ctx.sigs) if (x.phase === 'data_cleaning') x.w *= 0.3;
    ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: 'shape: categories recoded as numbers -> feature_engineering', src: 'shape' });
    return;
  }
  const root0 = attrRoot(t.obj);
  if (root0 && value) {
    const vt = an.lastValueTaint;
    const bv = ctx.scope.get(root0);
    if (bv && vt & T_PRED) ctx.scope.set(root0, { ...bv, taint: SUBMISSION_RE.test(root0) ? (bv.taint | T_PRED) & ~(T_DATA | T_LABEL) : bv.taint | T_PRED });
  }
  if (root0 && value && SUBMISSION_RE.test(root0) && (SUBMISSION_STRONG_RE.test(root0) || (ctx.scope.get(root0)?.taint ?? 0) & T_PRED) && !ctx.sigs.some((x) => x.phase === 'model_persistence' || x.phase === 'prediction')) {
    // sub['SalePrice'] = preds / submission['id'] = submission.id.astype(int): filling the predictions file
    for (const x of ctx.sigs) x.w *= 0.3;
    ctx.sigs.push({ phase: 'model_persistence', w: 1, ev: `${root0}[...] = ... (submission frame) -> model_persistence`, src: 'name' });
    return;
  }
  // (df['dt'] = pd.to_datetime(df['Date'] + ' ' + df['Time']): the arithmetic builds the text parsed, a type fix)
  if (strong && value && ctx.rawArith && !isParse(value) && !ctx.sigs.some((x) => x.phase === 'feature_engineering' || x.phase === 'prediction' || x.phase === 'model_training')) {
    const nk = new Set<string>();
    for (const i of t.idx) collectStrings(i, nk);
    if (nk.size > 0 && ![...nk].some((k) => ctx.strings.has(k)) && base.taint & (T_DATA | T_LABEL)) {
      // df['age_x_qual'] = (df['YrSold'].astype(int) - df['YearBuilt']) * df['Qual']: a derived column
      for (const x of ctx.sigs) if (x.phase === 'data_cleaning') x.w *= 0.5;
      ctx.sigs.push({ phase: 'feature_engineering', w: 1, ev: `shape: new column ${[...nk].map((k) => `'${k}'`).join(', ')} computed -> feature_engineering`, src: 'shape' });
      return;
    }
  }
  if (strong || !value) return;
  // conf[t, p] += 1 for t, p in zip(y_test, y_hat): counts indexed by the truth and the prediction (a confusion matrix)
  const idx = t.idx.length === 1 && t.idx[0]!.k === 'seq' ? t.idx[0]!.items : t.idx;
  const idxTaint = idx.map((i) => an.expr(i, an.newCtx(ctx.scope, ctx.fn, ctx.line, ctx.cell, ctx.offset, ctx.loopVars), 0, false).taint);
  if (idx.length === 2 && idxTaint.some((x) => x & T_LABEL && !(x & T_PRED)) && idxTaint.some((x) => x & T_PRED)) {
    if (root0) {
      const bv = ctx.scope.get(root0);
      if (bv) ctx.scope.set(root0, { ...bv, taint: bv.taint | T_METRIC });
    }
    ctx.sigs.push({ phase: 'model_evaluation', w: 1, ev: `shape: ${root0 ?? 'counts'}[truth, prediction] counted -> model_evaluation`, src: 'shape' });
    return;
  }
  if (!(base.taint & (T_DATA | T_LABEL)) && base.t === null) {
    if (isLiteral(value)) ctx.sigs.push({ phase: 'other', w: 0.4, ev: 'item assignment of a constant -> other', src: 'fallback' });
    return;
  }
  const keys = new Set<string>();
  for (const i of t.idx) collectStrings(i, keys);
  // (df.loc[miss, 'Item_Weight'] = ... with miss = df['Item_Weight'].isnull(): a mask kept in a name)
  const masked = sub.mask || t.idx.some((i) => i.k === 'cmp' || (i.k === 'bin' && (i.op === '&' || i.op === '|')) || i.k === 'unary' || isMaskCall(i) || (i.k === 'name' && ctx.scope.get(i.id)?.rowMask === true));
  const keyInRhs = [...keys].some((k) => ctx.strings.has(k));
  const assigned = value.k === 'name' ? ctx.scope.get(value.id) : undefined;
  // dataset.loc[dataset['Age'] <= 16, 'Age'] = 0: ranges of a column coded (rules/binning.ts)
  if (masked && isRangeBinning(t.idx, value)) ctx.sigs.push({ phase: 'feature_engineering', w: 0.9, ev: BINNING_EV, src: 'shape' });
  // df['IsAlone'] = 0 then df.loc[df['FamilySize'] == 1, 'IsAlone'] = 1: a flag built in two steps (rules/flag-columns.ts)
  else if (masked && isLiteral(value) && flagCompletion(keys, an.constantColumns)) ctx.sigs.push({ phase: 'feature_engineering', w: 0.9, ev: FLAG_SET_EV([...keys]), src: 'shape' });
  else if (masked) {
    ctx.sigs.push({ phase: 'data_cleaning', w: 0.9, ev: `shape: values replaced where a condition holds -> data_cleaning`, src: 'shape' });
  } else if (keys.size > 0 && assigned && assigned.taint & T_PRED && !(assigned.taint & (T_DATA | T_METRIC | T_MODEL))) {
    // df['churn_probability'] = churn_proba / df['flag'] = labels: a column holding the model's predictions
    // (a name like `labels` marks its value a label: predictions it holds are still predictions)
    ctx.sigs.push({ phase: 'prediction', w: 0.9, ev: `shape: column ${[...keys].map((k) => `'${k}'`).join(', ')} holds predictions -> prediction`, src: 'shape' });
  } else if (keys.size > 0 && base.origin === 'prediction') {
    // future['cap'] = 8.5 (future = m.make_future_dataframe(...)), fc['sales'] = np.expm1(fc['yhat']): a frame made to
    // be predicted on, or of predictions: its columns are the forecast's inputs or its outputs
    ctx.sigs.push({ phase: 'prediction', w: 0.9, ev: `shape: column ${[...keys].map((k) => `'${k}'`).join(', ')} of a prediction frame -> prediction`, src: 'shape' });
  } else if (keys.size > 0 && !keyInRhs && !isLiteral(value)) {
    ctx.sigs.push({ phase: 'feature_engineering', w: 0.9, ev: `shape: new column ${[...keys].map((k) => `'${k}'`).join(', ')} derived -> feature_engineering`, src: 'shape' });
  } else if (keys.size === 0 && t.idx.some((i) => i.k === 'bin' || i.k === 'call' || i.k === 'name')) {
    ctx.sigs.push({ phase: 'feature_engineering', w: 0.9, ev: 'shape: computed column derived -> feature_engineering', src: 'shape' });
  } else if (keys.size > 0 && keyInRhs && (ctx.arith || ctx.numeric)) {
    ctx.sigs.push({ phase: 'feature_engineering', w: 0.8, ev: `shape: column ${[...keys].map((k) => `'${k}'`).join(', ')} rescaled -> feature_engineering`, src: 'shape' });
  } else if (keys.size > 0 && keyInRhs) {
    ctx.sigs.push({ phase: 'data_cleaning', w: 0.8, ev: `shape: column ${[...keys].map((k) => `'${k}'`).join(', ')} rewritten in place -> data_cleaning`, src: 'shape' });
  } else if (isLiteral(value)) {
    ctx.sigs.push({ phase: 'feature_engineering', w: 0.6, ev: 'shape: constant column -> feature_engineering', src: 'shape' });
    for (const k of keys) an.constantColumns.add(k);
    an.impure = true;
  } else {
    ctx.sigs.push({ phase: 'feature_engineering', w: 0.6, ev: 'shape: column assignment -> feature_engineering', src: 'shape' });
  }
}

/**
 * new['label'] = le.inverse_transform(proba.argmax(axis=1)) / new['p'] = proba.max(axis=1) / new['flag'] = new['p'] < 0.6 /
 * new.loc[new['p'] < 0.5, 'label'] = 'needs_review': a column made from predictions (decoded, thresholded, replaced
 * where the model is unsure) holds predictions, when nothing but predictions or prediction columns is read
 */
function predictionColumn(an: Engine, t: Extract<Expr, { k: 'sub' }>, value: Expr, ctx: Ctx, sub: Ctx): boolean {
  const renamed = [...ctx.strings].some((x) => an.predictedColumns.has(x)) && [...ctx.strings].every((x) => an.predictedColumns.has(x) || !an.predColumns.has(x));
  if (ctx.sigs.some((x) => x.phase !== 'prediction' && x.phase !== 'other' && (x.src === 'kb' || x.src === 'user') && !DECODE_EV_RE.test(x.ev) && !(renamed && RENAME_EV_RE.test(x.ev)))) return false;
  // (profile['size'] = df['cluster'].value_counts(): a summary of the model's output, not predictions)
  if (an.lastValueSum || (value.k === 'call' && value.fn.k === 'attr' && SUMMARY_METHODS.has(value.fn.attr))) return false;
  // the columns written: the literal keys of the subscript (not those of its row condition)
  const keys = new Set<string>();
  for (const i of t.idx) if (i.k === 'str' || i.k === 'seq') collectStrings(i, keys);
  if (keys.size === 0) return false;
  // (np.where(new['p'] >= 0.3, 'refer', 'routine'): the labels written are values, not columns read)
  const written = new Set<string>();
  literalArgs(value, written);
  const read = [...ctx.strings, ...sub.strings].filter((x) => !keys.has(x) && !written.has(x));
  const predRead = read.length > 0 && read.every((x) => an.predColumns.has(x));
  const vt = an.lastValueTaint;
  const fromPreds = (vt & T_PRED) !== 0 && (vt & (T_METRIC | T_MODEL | T_LABEL)) === 0 && (!(vt & T_DATA) || predRead);
  // a replacement where a prediction column holds (new.loc[new['conf'] < 0.5, 'label'] = ...) of a prediction column
  // (df.loc[miss, 'Item_Weight'] = ... with miss = df['Item_Weight'].isnull(): a mask kept in a name)
  const masked = sub.mask || t.idx.some((i) => i.k === 'cmp' || (i.k === 'bin' && (i.op === '&' || i.op === '|')) || i.k === 'unary' || isMaskCall(i) || (i.k === 'name' && ctx.scope.get(i.id)?.rowMask === true));
  const cond = [...sub.strings].filter((x) => !keys.has(x));
  const replaced = masked && cond.length > 0 && cond.every((x) => an.predColumns.has(x)) && [...keys].every((k) => an.predColumns.has(k));
  if (!fromPreds && !replaced) return false;
  for (const k of keys) {
    an.predColumns.add(k);
    an.predictedColumns.add(k);
  }
  // the frame now holds predictions (what writes it writes a model's results)
  const root = attrRoot(t.obj);
  const bv = root ? ctx.scope.get(root) : undefined;
  if (root && bv) ctx.scope.set(root, { ...bv, taint: bv.taint | T_PRED });
  // (the table lookup renames predictions: no features of its own)
  if (renamed) for (const x of ctx.sigs) if (x.phase !== 'prediction' && RENAME_EV_RE.test(x.ev)) x.w *= 0.3;
  ctx.sigs.push({ phase: 'prediction', w: 1, ev: `shape: column ${[...keys].map((k) => `'${k}'`).join(', ')} made from predictions -> prediction`, src: 'shape' });
  return true;
}

/** pd.to_datetime(...) / pd.to_numeric(...): the value is the data parsed into its type */
function isParse(e: Expr): boolean {
  return e.k === 'call' && ((e.fn.k === 'attr' && PARSE_RE.test(e.fn.attr)) || (e.fn.k === 'name' && PARSE_RE.test(e.fn.id)));
}
const PARSE_RE = /^to_(datetime|numeric|timedelta)$/;
const PARSE_EV_RE = /\.to_(datetime|numeric|timedelta) -> data_cleaning$/;

/** whether the expression holds a sub-expression whose IR serialises to `key` (runners[col] in its own value) */
function containsExpr(e: Expr, key: string): boolean {
  if (e.k === 'sub' && JSON.stringify(e) === key) return true;
  switch (e.k) {
    case 'attr':
      return containsExpr(e.obj, key);
    case 'call':
      return containsExpr(e.fn, key) || e.args.some((a) => containsExpr(a, key)) || e.kw.some(([, a]) => containsExpr(a, key));
    case 'sub':
      return containsExpr(e.obj, key) || e.idx.some((a) => containsExpr(a, key));
    case 'bin':
      return containsExpr(e.l, key) || containsExpr(e.r, key);
    case 'unary':
      return containsExpr(e.e, key);
    default:
      return false;
  }
}

/** string literals passed as plain arguments of calls inside an expression (values, not column names) */
function literalArgs(e: Expr, out: Set<string>): void {
  if (e.k !== 'call') return;
  for (const a of e.args) {
    if (a.k === 'str' && a.parts.length === 0) out.add(a.v);
    else literalArgs(a, out);
  }
  if (e.fn.k === 'attr') literalArgs(e.fn.obj, out);
}

const SUMMARY_METHODS = new Set(['value_counts', 'mean', 'median', 'sum', 'count', 'size', 'nunique', 'describe', 'agg', 'aggregate', 'std']);

/** knowledge-base evidence of decoding or summarising values (not of making them): le.inverse_transform, argmax, round */
const DECODE_EV_RE = /\.(inverse_transform|argmax|argmin|max|min|round|astype|where|clip)\b/;
// new['segment'] = new['cluster'].map(names).fillna('regular'): predictions made for new data, renamed
const RENAME_EV_RE = /\.(map|replace|fillna)\b/;
