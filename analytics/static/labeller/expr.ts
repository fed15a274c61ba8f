/** Expressions: type and dataflow inference through names, attributes, subscripts, operators and literals; what a displayed value shows. */
import type { Expr } from '../ir.js';
import type { Phase } from '../phases.js';
import type { LiteralValue } from './results.js';
import type { Val, Ctx } from './model.js';
import { T_DATA, T_LABEL, T_MODEL, T_PRED, T_METRIC, EMPTY, litVal, isRawData, isPredVsActual, solvedProduct, LEARNT } from './values.js';
import { METRIC_RE, nameVal } from './names.js';
import { isMaskCall, attrRoot } from './expr-utils.js';
import { isColumnNameMask } from '../rules/column-masks.js';
import { lambdaValue } from '../rules/lambda-values.js';
import type { Engine } from './engine.js';
import { isResultValue } from '../rules/truth-vs-predictions.js';

/** len(df) / len(train), len(test): sizes of data sets */
export function isSizeOfData(an: Engine, e: Expr, ctx: Ctx): boolean {
  if (e.k === 'seq') return e.items.length > 0 && e.items.every((x) => an.isSizeOfData(x, ctx));
  if (e.k !== 'call' || e.fn.k !== 'name' || e.fn.id !== 'len' || e.args.length !== 1) return false;
  const r = attrRoot(e.args[0]!);
  const v = r ? ctx.scope.get(r) : undefined;
  // (len(wrong) with wrong = np.where(pred != y_test)[0]: a count of results, not the size of a data set)
  return !!v && (v.taint & (T_DATA | T_LABEL)) !== 0 && !v.mod && !isResultValue(v);
}

export function displayOf(an: Engine, v: Val, e: Expr, ctx: Ctx, what: string): void {
  if (e.k === 'call' && ctx.sigs.length > 0) return;
  let phase: Phase | null = null;
  // (profile = df.groupby('cluster').mean() labelled evaluation, then shown: what it shows is that evaluation)
  if (v.origin === 'hyperparameter_tuning' || v.origin === 'data_exploration' || v.origin === 'model_evaluation') phase = v.origin;
  // best_k, cv_acc[best_k]: values a search chose or scored, shown side by side (rules/sweep-results.test.ts)
  else if (e.k === 'seq' && e.items.length > 0 && e.items.every((x) => madeBySearch(x, ctx))) phase = 'hyperparameter_tuning';
  else if (v.taint & T_METRIC) phase = 'model_evaluation';
  else if (v.taint & T_PRED) phase = 'prediction';
  else if (v.t === 'pandas.GroupBy' || v.taint & (T_DATA | T_LABEL)) phase = 'data_exploration';
  // print("coefficients:", w): learnt parameters (no model object) printed are looked at, the model inspected
  else if (v.taint & T_MODEL) phase = v.t === null && !v.inst && e.k === 'name' && e.id === 'print' ? 'model_evaluation' : 'model_training';
  else if (v.origin) phase = v.origin;
  if (phase) ctx.sigs.push({ phase, w: 0.7, ev: `display of ${what} -> ${phase}`, src: 'name' });
  else if (e.k === 'call' || e.k === 'name' || e.k === 'attr') {
    if (ctx.unknownCalls.length === 0) ctx.sigs.push({ phase: 'other', w: 0.3, ev: `display of ${what} -> other`, src: 'fallback' });
  }
}

/** a name, or an item or attribute of one, bound by a search (its outcome, its scores per candidate) */
function madeBySearch(e: Expr, ctx: Ctx): boolean {
  const root = attrRoot(e);
  return root !== null && ctx.scope.get(root)?.origin === 'hyperparameter_tuning';
}

export function expr(an: Engine, e: Expr, ctx: Ctx, mult: number, top: boolean): Val {
  switch (e.k) {
    case 'name': {
      ctx.names.add(e.id);
      const v = ctx.scope.get(e.id);
      if (v) return v;
      const builtin = an.kb.lookup(e.id);
      if (builtin) return { ...EMPTY, q: e.id, mod: true };
      for (const star of an.stars) {
        const q = `${star}.${e.id}`;
        if (an.kb.lookup(q)) return { ...EMPTY, q, mod: true };
      }
      return nameVal(e.id);
    }
    case 'attr': {
      const o = an.expr(e.obj, ctx, mult * 0.9, false);
      const um = o.umod ? an.memberOf(o.umod, e.attr) : null;
      if (um) return um;
      if (o.mod && o.q) {
        if (e.attr === '__version__') ctx.sigs.push({ phase: 'setup', w: 1, ev: `${o.q}.__version__ (environment check) -> setup`, src: 'kb' });
        return { ...EMPTY, q: `${o.q}.${e.attr}`, mod: true };
      }
      if (o.inst && ctx.fn?.cls === o.inst) return o.inst.learnt.has(e.attr) ? LEARNT : { ...EMPTY, taint: o.taint };
      const tname = o.t ?? 'any';
      const spec = an.kb.attribute(tname, e.attr) ?? (o.t && an.kb.role(o.t) !== 'data' ? null : an.kb.attribute('any', e.attr));
      if (spec) {
        const n0 = ctx.sigs.length;
        an.emit(spec, `${o.q ?? o.t ?? 'value'}.${e.attr}`, ctx, mult * 0.6, [o], o);
        for (let i = n0; i < ctx.sigs.length; i++) ctx.sigs[i]!.attr = true;
        return an.result(spec, o, [o], o.q);
      }
      // pd.crosstab(data.cluster, data.region): a model's output column read through its attribute, as data['cluster']
      if (o.t === 'pandas.DataFrame' && an.predColumns.has(e.attr)) ctx.strings.add(e.attr);
      if (o.t === 'pandas.DataFrame' || o.t === 'pandas.Series') return { ...o, t: 'pandas.Series', lit: undefined };
      if (METRIC_RE.test(e.attr)) return { ...o, taint: o.taint | T_METRIC, lit: undefined };
      return { ...EMPTY, taint: o.taint & (T_DATA | T_LABEL | T_METRIC | T_PRED), origin: o.origin };
    }
    case 'call':
      return an.call(e, ctx, mult, top);
    case 'sub': {
      const o = an.expr(e.obj, ctx, mult, false);
      if (o.taint & T_DATA) for (const i of e.idx) if (i.k === 'str' && i.parts.length === 0) an.seenColumns.add(i.v);
      const cmpBefore = ctx.compare;
      let ranked = false;
      let decoded = false;
      for (const [pos, i] of e.idx.entries()) {
        // df.loc[:, df.columns != 'class']: a mask over column names picks columns, not rows (rules/column-masks.ts)
        const isMask = !isColumnNameMask(i, pos) && (i.k === 'cmp' || (i.k === 'bin' && (i.op === '&' || i.op === '|')) || (i.k === 'unary' && i.op === '~') || isMaskCall(i) || (i.k === 'name' && ctx.scope.get(i.id)?.rowMask === true));
        if (isMask) ctx.mask = true;
        const iv = an.expr(i, ctx, mult * 0.8, false);
        // vocab[order[:20]] with order = clf.coef_[0].argsort(): entries picked by a ranking of scores show the scores
        if (!isMask && iv.taint & T_METRIC && !(iv.taint & (T_DATA | T_LABEL | T_PRED))) ranked = true;
        if (!isMask && (iv.taint & (T_PRED | T_DATA | T_LABEL | T_METRIC)) === T_PRED) decoded = true;
        // (table.loc[order] with order = ['Monday', ...]: a list of row labels, not of columns)
        if (i.k === 'name' && an.columnLists.has(i.id) && o.taint & T_DATA && !(e.obj.k === 'attr' && e.obj.attr === 'loc' && e.idx.length === 1)) ctx.constUses.push({ name: i.id, phase: 'feature_engineering' });
        // df[msk] / df[~msk] with msk a split's mask (assign.ts): rows taken for one side of the split
        const mk = i.k === 'name' ? i : i.k === 'unary' && i.op === '~' && i.e.k === 'name' ? i.e : null;
        const mv = mk ? ctx.scope.get(mk.id) : undefined;
        if (mv?.splitMask && o.taint & (T_DATA | T_LABEL)) {
          ctx.mask = false;
          ctx.sigs.push({ phase: 'data_splitting', w: 1.2, ev: `shape: rows selected by the split mask ${mk!.id} -> data_splitting`, src: 'shape' });
        }
      }
      ctx.compare = cmpBefore;
      // valid['Page'] of a frame that was given a predictions column (valid['pred'] = ...): another column is data
      const key = e.idx.length === 1 && e.idx[0]!.k === 'str' && e.idx[0]!.parts.length === 0 ? e.idx[0]!.v : null;
      if (key !== null && o.taint & T_PRED && o.taint & T_DATA && an.predColumns.size > 0 && !an.predColumns.has(key))
        return { ...o, lit: undefined, mod: false, taint: o.taint & ~T_PRED, origin: o.origin === 'prediction' ? null : o.origin };
      // class_names[np.argmax(pred[0])] / labels_map[p]: a constant table looked up by predictions decodes them
      if (decoded && (o.taint & (T_DATA | T_LABEL | T_PRED | T_METRIC | T_MODEL)) === 0 && !o.fn && !o.ucls) return { ...EMPTY, taint: T_PRED };
      if (o.lit && typeof o.lit === 'object' && !Array.isArray(o.lit)) return { ...EMPTY, taint: o.taint };
      if (ranked && !(o.taint & T_METRIC)) return { ...o, lit: undefined, mod: false, taint: o.taint | T_METRIC, origin: 'model_evaluation' };
      return { ...o, lit: undefined, mod: false };
    }
    case 'num':
      return litVal(e);
    case 'str':
      ctx.strings.add(e.v);
      if (e.parts.length === 0) return litVal(e);
      {
        let taint = 0;
        let origin: Phase | null = null;
        for (const p of e.parts) {
          const pv = an.expr(p, ctx, mult, false);
          taint |= pv.taint;
          origin = origin ?? pv.origin;
        }
        return { ...EMPTY, taint, origin };
      }
    case 'const':
      return EMPTY;
    case 'bin': {
      const l = an.expr(e.l, ctx, mult, false);
      const r = an.expr(e.r, ctx, mult, false);
      if (e.op !== 'and' && e.op !== 'or') {
        ctx.arith = true;
        if (isRawData(l) || isRawData(r)) ctx.rawArith = true;
      }
      if (e.op === '&' || e.op === '|') ctx.mask = ctx.mask || false;
      if (e.op === '-' && isPredVsActual(l, r)) ctx.errorShape = true;
      if (e.op === '@' && solvedProduct(e.l, l, e.r, r)) ctx.solve = true;
      let taint = l.taint | r.taint;
      // X @ W with W trained weights: predictions
      if (taint & T_MODEL && taint & T_DATA && !(l.taint & T_MODEL && r.taint & T_MODEL)) taint = (taint & ~T_MODEL) | T_PRED;
      // a summary divided by a size, times 100: still a summary
      const noData = (x: Val): boolean => !(x.taint & (T_DATA | T_LABEL));
      const sum = (l.sum === true || noData(l)) && (r.sum === true || noData(r)) && (l.sum === true || r.sum === true);
      return { ...EMPTY, t: l.t && l.t !== 'Metric' ? l.t : r.t, taint, origin: l.origin ?? r.origin, sum: sum || undefined };
    }
    case 'cmp': {
      ctx.compare = true;
      const vals = e.items.map((x) => an.expr(x, ctx, mult, false));
      let hits = false;
      for (let i = 0; i + 1 < vals.length; i++) if (isPredVsActual(vals[i]!, vals[i + 1]!)) ctx.errorShape = hits = true;
      // (pred == y_test): which predictions hit, a score (its .mean() is an accuracy)
      let taint = vals.reduce((a, v) => a | v.taint, 0) | (hits ? T_METRIC : 0);
      // test_pred >= best_thr: predictions cut at a threshold chosen from scores (a scalar, no data) are still predictions
      const cut = (p: Val, q: Val): boolean => (p.taint & (T_PRED | T_LABEL | T_METRIC)) === T_PRED && (q.taint & (T_PRED | T_DATA | T_LABEL)) === 0 && (q.taint & T_METRIC) !== 0;
      if (!hits && vals.length === 2) {
        if (cut(vals[0]!, vals[1]!)) taint = vals[0]!.taint;
        else if (cut(vals[1]!, vals[0]!)) taint = vals[1]!.taint;
      }
      return { ...EMPTY, t: vals[0]?.t ?? null, taint };
    }
    case 'unary': {
      const v = an.expr(e.e, ctx, mult, false);
      if (e.op === '-' && v.lit !== undefined && typeof v.lit === 'number') return { ...EMPTY, lit: -v.lit };
      return { ...v, lit: undefined };
    }
    case 'seq': {
      let taint = 0;
      const lits: (number | string)[] = [];
      let allLit = true;
      let t: string | null = null;
      let seqOrigin: Phase | null = null;
      let first = true;
      const items: Val[] = [];
      for (const it of e.items) {
        const v = an.expr(it, ctx, mult, false);
        items.push(v);
        seqOrigin = first ? v.origin : seqOrigin === v.origin ? seqOrigin : null;
        first = false;
        taint |= v.taint;
        t = t ?? v.t;
        if (typeof v.lit === 'number' || typeof v.lit === 'string') lits.push(v.lit);
        else allLit = false;
      }
      if (allLit && e.items.length > 0) return { ...EMPTY, lit: lits, taint };
      // [total, percent]: summaries gathered (pd.concat([total, percent], axis=1) is a table of them)
      const seqSum = items.length > 0 && items.every((x) => x.sum === true);
      return { ...EMPTY, taint, t: e.items.length === 1 ? t : null, origin: seqOrigin, items, sum: seqSum || undefined };
    }
    case 'dict': {
      const lit: Record<string, LiteralValue> = {};
      let taint = 0;
      // {'missing': counts, 'percent': percent.round(2)}: every value a summary (not only names of summaries)
      let dSum = e.vals.length > 0;
      e.keys.forEach((k, i) => {
        const vv = an.expr(e.vals[i]!, ctx, mult, false);
        taint |= vv.taint;
        if (!vv.sum) dSum = false;
        if (k) {
          const kv = an.expr(k, ctx, mult, false);
          if (typeof kv.lit === 'string' && vv.lit !== undefined && (typeof vv.lit !== 'object' || Array.isArray(vv.lit))) lit[kv.lit] = vv.lit as LiteralValue;
        }
      });
      let dOrigin: Phase | null = null;
      let dFirst = true;
      for (const x of e.vals) {
        const xv = x.k === 'name' ? ctx.scope.get(x.id) : undefined;
        const o = xv?.origin ?? null;
        dOrigin = dFirst ? o : dOrigin === o ? dOrigin : null;
        dFirst = false;
      }
      if (dSum) return { ...EMPTY, lit, taint, origin: 'data_exploration', sum: true };
      return dOrigin ? { ...EMPTY, lit, taint, origin: dOrigin } : { ...EMPTY, lit, taint };
    }
    case 'lambda': {
      // (the parameters are the lambda's own names: no read of a name bound outside, rules/lambda-values.ts)
      const unread = (e.params ?? []).filter((p) => !ctx.names.has(p));
      const v = an.expr(e.body, ctx, mult, false);
      for (const p of unread) ctx.names.delete(p);
      return lambdaValue(e, v, ctx.scope);
    }
    case 'comp': {
      let taint = 0;
      for (const p of e.parts) taint |= an.expr(p, ctx, mult, false).taint;
      if (e.filter) ctx.compFilter = true;
      return { ...EMPTY, taint };
    }
    case 'slice': {
      ctx.slice = true;
      for (const p of e.parts) an.expr(p, ctx, mult, false);
      return EMPTY;
    }
    case 'other': {
      let taint = 0;
      let t: string | null = null;
      for (const p of e.parts) {
        const v = an.expr(p, ctx, mult, false);
        taint |= v.taint;
        t = t ?? v.t;
      }
      return { ...EMPTY, taint, t };
    }
  }
}

