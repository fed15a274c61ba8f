/** Call resolution: a call to a library API (knowledge base), a user function or class (summaries), a function of a user module, or an unknown callee; its signals, parameters and value. */
import type { Expr } from '../ir.js';
import type { Spec } from '../knowledge.js';
import { isCategoryCast, isCategoryGrouping, isIntegerCast, isNumericRecode } from '../rules/encoding.js';
import { phaseOfCalleeName } from '../rules/callee-names.js';
import { WRITE_FUNCTIONS, WRITE_METHODS, phaseOfWrite, type Written } from '../rules/data-writes.js';
import type { Phase } from '../phases.js';
import type { Val, UserFn, UserClass, Ctx } from './model.js';
import { T_MODEL, T_PRED, T_METRIC, T_DATA, T_LABEL, EMPTY, roleTaint, solvedProduct } from './values.js';
import { MUTATORS, TYPE_FIX_METHODS, APPLY_METHODS } from './names.js';
import { PHASE_WEIGHT, hasStrong, servesInspection } from './signals.js';
import { attrRoot, refersTo, exprText } from './expr-utils.js';
import type { Engine } from './engine.js';
import { matmulOperands } from '../rules/learnt-params.js';
import { shownCount } from '../rules/shown-sizes.js';
import { elementwiseArithmetic } from '../rules/elementwise-math.js';

/** missing-value steps: after a derivation they fill or drop the gaps it made */
const MISSING_METHODS = new Set(['fillna', 'dropna']);

/** signals [a, b) hold a feature derivation of the knowledge base */
function madeFeatures(sigs: readonly { phase: string; src: string }[], a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (sigs[i]!.src === 'kb' && sigs[i]!.phase === 'feature_engineering') return true;
  return false;
}

export function call(an: Engine, e: Extract<Expr, { k: 'call' }>, ctx: Ctx, mult: number, top: boolean): Val {
  let spec: Spec | null = null;
  let name = '';
  let recv: Val | null = null;
  let user: UserFn | null = null;
  let userClass: UserClass | null = null;
  let classType: string | null = null;
  let qualified: string | null = null;
  const f = e.fn;
  let unknownName: string | null = null;
  let [recvSig0, recvSig1] = [0, 0];

  if (f.k === 'attr') {
    recvSig0 = ctx.sigs.length;
    recv = an.expr(f.obj, ctx, mult * 0.7, false);
    recvSig1 = ctx.sigs.length;
    const member = recv.umod ? an.memberOf(recv.umod, f.attr) : null;
    if (member?.fn || member?.ucls) {
      // helpers.train(...): a function (or class) of the user's module
      user = member.fn ?? null;
      userClass = member.ucls ?? null;
      name = `${recv.q}.${f.attr}`;
      recv = null;
    } else if (recv.mod && recv.q) {
      qualified = `${recv.q}.${f.attr}`;
      if (/^(numpy|np|scipy)\b/.test(an.kb.canonicalize(recv.q))) ctx.numeric = true;
      const c = an.kb.lookup(qualified);
      if (c) {
        spec = c.spec;
        name = an.kb.canonicalize(c.name);
        if (c.kind === 'class') classType = c.type;
      } else {
        name = qualified;
        unknownName = f.attr;
      }
      recv = null;
    } else if (recv.ucls) {
      // Class.method(...) on a user class
      const m = recv.ucls.methods.get(f.attr);
      if (m) user = m;
      name = `${recv.ucls.name}.${f.attr}`;
    } else if (recv.inst && recv.inst.methods.has(f.attr)) {
      user = recv.inst.methods.get(f.attr)!;
      name = `${recv.inst.name}.${f.attr}`;
    } else {
      const tname = recv.t;
      spec = tname ? an.kb.method(tname, f.attr) : null;
      if (!spec || spec.phases.length === 0) {
        const anySpec = an.kb.method('any', f.attr);
        if (anySpec && (!spec || anySpec.phases.length > 0) && !(tname && an.kb.role(tname) === 'figure')) spec = anySpec;
      }
      if (MUTATORS.has(f.attr)) {
        const root = attrRoot(f.obj);
        if (root) ctx.mutated.add(root);
      }
      name = `${recv.q ?? recv.t ?? exprText(f.obj)}.${f.attr}`;
      if (!spec) unknownName = f.attr;
    }
  } else if (f.k === 'name') {
    ctx.names.add(f.id);
    const v = ctx.scope.get(f.id);
    if (v?.fn) {
      user = v.fn;
      name = f.id;
    } else if (v?.ucls) {
      userClass = v.ucls;
      name = f.id;
    } else if (v?.mod && v.q) {
      if (v.q.startsWith('numpy.')) ctx.numeric = true;
      const c = an.kb.lookup(v.q);
      qualified = v.q;
      name = c ? an.kb.canonicalize(c.name) : v.q;
      if (c) {
        spec = c.spec;
        if (c.kind === 'class') classType = c.type;
      } else unknownName = f.id;
    } else if (v && (v.t || v.inst)) {
      recv = v;
      if (v.inst && v.inst.methods.has('__call__')) user = v.inst.methods.get('__call__')!;
      else if (v.inst && v.inst.methods.has('forward')) {
        spec = v.t ? an.kb.method(v.t, '__call__') : null;
      } else spec = v.t ? an.kb.method(v.t, '__call__') : null;
      name = `${v.q ?? v.t ?? f.id}.__call__`;
    } else if (!v) {
      const c = an.kb.lookup(f.id);
      if (c) {
        spec = c.spec;
        name = c.name;
        if (c.kind === 'class') classType = c.type;
      } else {
        for (const star of an.stars) {
          const c2 = an.kb.lookup(`${star}.${f.id}`);
          if (c2) {
            spec = c2.spec;
            name = an.kb.canonicalize(c2.name);
            if (c2.kind === 'class') classType = c2.type;
            break;
          }
        }
        if (!spec) {
          name = f.id;
          unknownName = f.id;
        }
      }
    } else {
      name = f.id;
      unknownName = f.id;
    }
  } else {
    const v = an.expr(f, ctx, mult, false);
    if (v.t) {
      spec = an.kb.method(v.t, '__call__');
      recv = v;
    }
    name = `${v.t ?? 'value'}.__call__`;
  }

  // --- arguments
  // the first call of a user function lends the kinds of its arguments to the parameters of its summary
  if (user && user.state === 'new' && !user.external && e.args.length > 0) {
    const probe = an.newCtx(ctx.scope, ctx.fn, ctx.line, ctx.cell, ctx.offset, ctx.loopVars);
    user.argKinds = e.args.map((a) => an.expr(a, probe, 0, false));
  }
  const userPhases = user ? (an.summarize(user), user.phases) : userClass ? an.classPhases(userClass) : [];
  const bearing = (spec !== null && spec.phases.some((p) => p !== 'display')) || userPhases.length > 0;
  const isDisplay = spec?.phases.includes('display') ?? false;
  const argMult = isDisplay ? mult : bearing ? mult * 0.5 : mult;
  const argVals: Val[] = [];
  const argSig0 = ctx.sigs.length;
  for (const a of e.args) argVals.push(an.expr(a, ctx, argMult, false));
  const kwVals: [string, Val][] = [];
  for (const [k, a] of e.kw) kwVals.push([k, an.expr(a, ctx, argMult, false)]);
  for (const a of e.splat) argVals.push(an.expr(a, ctx, argMult, false));
  if (userPhases[0]?.[0] === 'data_exploration') servesInspection(ctx.sigs, argSig0); // adf_report(series.diff())
  const allArgs = [...argVals, ...kwVals.map((x) => x[1])];
  elementwiseArithmetic(ctx, name, e, recv, argVals, (q) => an.kb.canonicalize(q)); // np.log1p(df['x']): arithmetic as a call
  // a.dot(b) / np.dot(a, b): a matrix product, like a @ b (rules/learnt-params.ts)
  const mm = matmulOperands(e);
  if (mm && (recv || argVals.length >= 2)) {
    const [va, vb] = recv ? [recv, argVals[0]!] : [argVals[0]!, argVals[1]!];
    if (solvedProduct(mm[0], va, mm[1], vb)) ctx.solve = true;
  }

  if (unknownName) ctx.unknownCalls.push(unknownName);
  // a function we cannot see (the user's own module, or undefined here): the verb of its name (rules/callee-names.ts)
  const byName = unknownName && !spec && !user && !userClass && (f.k === 'name' || qualified) ? phaseOfCalleeName(unknownName) : null;
  if (byName) ctx.sigs.push({ phase: byName.phase, w: PHASE_WEIGHT[byName.phase] * mult, ev: `${name}() (unseen function that ${byName.why}) -> ${byName.phase}`, src: 'user' });
  // df['clean'] = df['text'].apply(clean_text) / map(f, xs) / sorted(xs, key=f): a user function handed to apply or
  // to a phase-neutral library call is called by it, for the statement (lgb.train(..., feval=smape): the call's own
  // phase speaks)
  if (!user && !userClass && !isDisplay && ((spec !== null && spec.phases.length === 0) || (f.k === 'attr' && APPLY_METHODS.has(f.attr))))
    for (const a of [...e.args, ...e.kw.map((k) => k[1])]) {
      const fv = a.k === 'name' ? ctx.scope.get(a.id) : undefined;
      if (!fv?.fn) continue;
      an.summarize(fv.fn);
      const ph = fv.fn.phases;
      if (ph.length === 0) passedWithoutPhase(fv.fn, ctx);
      const topW = ph[0]?.[1] ?? 0;
      const via = f.k === 'attr' ? f.attr : name;
      for (const [p, w] of ph) if (w >= topW * 0.5 && p !== 'other' && p !== 'setup') ctx.sigs.push({ phase: p, w: PHASE_WEIGHT[p] * mult * (w / topW), ev: `${via}(${fv.fn.name}) (user function) -> ${p}`, src: 'user' });
    }

  // timed(model.fit, X, y) / run(train_model, ...): a callable handed to a helper does the helper's work
  if (!spec && !isDisplay && (user !== null || userClass === null)) passedCallables(an, e, ctx, mult);

  // --- signals
  if (isDisplay) {
    if (ctx.errorShape && !hasStrong(ctx.sigs)) {
      ctx.sigs.push({ phase: 'model_evaluation', w: 1, ev: 'shape: predictions compared with labels -> model_evaluation', src: 'shape' });
      return EMPTY;
    }
    if (top) {
      let v = allArgs.reduce<Val>((acc, x) => ({ ...acc, taint: acc.taint | x.taint, origin: acc.origin ?? x.origin, t: acc.t ?? x.t }), EMPTY);
      // print(f"{len(df)} rows") / print("rows:", len(train)): the size of a data set is looked at
      if (v.taint === 0 && v.origin === null && e.args.some((a) => sizeWithin(an, a, ctx))) v = { ...v, taint: T_DATA, origin: 'data_exploration', sum: true };
      else if (v.taint === 0 && v.origin === null) v = shownCount(v, e.args, ctx.scope);
      if (!hasStrong(ctx.sigs)) an.displayOf(v, { k: 'name', id: 'print' }, ctx, `${name}(...)`);
    }
    return EMPTY;
  }
  if (spec) {
    // open(path, 'w') writes
    if ((name === 'open' || name === 'io.open' || name === 'gzip.open') && allArgs.some((a) => typeof a.lit === 'string' && /^[wax]b?\+?$|^[wax]t$/.test(a.lit))) {
      spec = { phases: ['model_persistence'], returns: null };
    }
    // model.load_state_dict(best_state) after early stopping: the best weights kept in memory are put back, the end of
    // the training (model.load_state_dict(torch.load(path)) reads a saved model: persistence)
    if (f.k === 'attr' && f.attr === 'load_state_dict' && e.args.length === 1 && (e.args[0]!.k === 'name' || e.args[0]!.k === 'attr') && spec.phases.includes('model_persistence'))
      spec = { ...spec, phases: ['model_training'] };
    // df.to_csv(...) / np.save(path, X) / joblib.dump(model, path): the phase of what is written (rules/data-writes.ts)
    const written = writtenPhase(an, e, name, recv, argVals, kwVals);
    if (written && spec.phases.some((p) => p === 'model_persistence' || p === 'data_loading')) spec = { ...spec, phases: [written] };
    // make_pipeline(StandardScaler(), est) / Pipeline([..., ('clf', model)]) / make_pipeline(SMOTE(), est): the steps before the
    // model, a sampler too (corpus README), are parts of the model built (also in a loop over candidates)
    if ((classType === 'sklearn.Pipeline' || name === 'sklearn.pipeline.make_pipeline') && allArgs.some((a) => a.taint & T_MODEL))
      for (let i = argSig0; i < ctx.sigs.length; i++) {
        const x = ctx.sigs[i]!;
        if (x.src === 'kb' && /^(data_cleaning|feature_engineering|data_splitting)$/.test(x.phase)) x.w *= 0.3;
      }
    if ((classType === 'sklearn.Pipeline' || name === 'sklearn.pipeline.make_pipeline') && !allArgs.some((a) => a.taint & T_MODEL)) {
      // a pipeline of transformers only is preprocessing: its steps speak for it
      spec = { phases: [], returns: 'sklearn.Transformer' };
      classType = 'sklearn.Transformer';
    }
    // sales.merge(stores, on='Store') / pd.merge(a, b): tables as loaded (or cleaned) put together, as pd.concat does:
    // data_cleaning; a table of features made (agg = df.groupby(...).agg(...)) merged back stays feature_engineering
    if (isMergeOf(name, f, recv, argVals) && spec.phases.includes('feature_engineering')) spec = { ...spec, phases: ['data_cleaning'] };
    if (f.k === 'attr' && (isNumericRecode(e, (n) => ctx.scope.get(n)?.lit) || isCategoryCast(e) || isIntegerCast(e) || isCategoryGrouping(e)) && spec.phases.some((p) => p === 'data_cleaning' || p === 'feature_engineering'))
      // (probs >= 0.5).astype(int) of predictions: the predicted classes, not an encoding (labeller/assign.ts)
      spec = { ...spec, phases: recv && isIntegerCast(e) && recv.taint & T_PRED && !(recv.taint & (T_MODEL | T_METRIC)) ? [] : ['feature_engineering'] };
    // test_df.assign(pred=pred): a column holding the model's predictions, as test_df['pred'] = pred (targets.ts)
    if (f.k === 'attr' && f.attr === 'assign' && kwVals.length > 0 && kwVals.every(([, v]) => v.taint & T_PRED && !(v.taint & (T_DATA | T_METRIC | T_MODEL)))) {
      for (const [k] of kwVals) an.predColumns.add(k);
      spec = { ...spec, phases: ['prediction'] };
    }
    // make_pipeline(StandardScaler(), est) with est a model made before (a loop over candidates): wrapping it is a small
    // part of the work around it (the cross-validation that scores it), not the model's training
    const wrapsModel = (classType === 'sklearn.Pipeline' || name === 'sklearn.pipeline.make_pipeline') && ctx.loopVars.size > 0 && allArgs.some((a) => a.taint & T_MODEL) && !e.args.some(constructsModel);
    an.emit(spec, name, ctx, name === 'open' || name === 'io.open' ? mult * 0.5 : wrapsModel ? mult * 0.4 : mult, allArgs, recv);
    // x.map({'male': 0, 'female': 1}).astype(int): a trailing type conversion serves the operation before it
    if (recv && recvSig1 > recvSig0 && f.k === 'attr' && TYPE_FIX_METHODS.has(f.attr) && spec.phases[0] === 'data_cleaning') {
      let other = false;
      let features = false;
      for (let i = recvSig0; i < recvSig1; i++) {
        const x = ctx.sigs[i]!;
        if (x.src === 'kb' && x.phase !== 'data_cleaning' && x.phase !== 'data_exploration' && x.phase !== 'plot?') other = true;
        if (x.src === 'kb' && x.phase === 'feature_engineering') features = true;
      }
      // scaler.fit_transform(X).astype(np.float32): the dtype of the features made, part of making them
      if (other) for (let i = recvSig1; i < ctx.sigs.length; i++) if (ctx.sigs[i]!.phase === 'data_cleaning') ctx.sigs[i]!.w *= features ? 0.2 : 0.5;
    }
    // s.map(names).fillna('regular') / s.str.extract(rx)[0].fillna('other') / s.diff().dropna(): the missing values
    // handled are those the derivation before made; the step completes the feature (rules/feature-gaps.test.ts)
    if (recv && recvSig1 > recvSig0 && f.k === 'attr' && MISSING_METHODS.has(f.attr) && spec.phases[0] === 'data_cleaning' && madeFeatures(ctx.sigs, recvSig0, recvSig1))
      for (let i = recvSig1; i < ctx.sigs.length; i++) if (ctx.sigs[i]!.phase === 'data_cleaning') ctx.sigs[i]!.w *= 0.2;
    // df.drop('ID', axis=1).corr() / df.dropna().describe(): the chain serves the inspection at its end
    if (recv && recvSig1 > recvSig0 && spec.phases[0] === 'data_exploration')
      for (let i = recvSig0; i < recvSig1; i++) {
        const x = ctx.sigs[i]!;
        if ((x.phase === 'data_cleaning' || x.phase === 'feature_engineering') && x.src === 'kb') x.w *= 0.5;
      }
  }
  if (user || userClass) {
    const ph = userPhases;
    const topW = ph[0]?.[1] ?? 0;
    // train_and_evaluate(LogisticRegression(), 'lr'): the model built for a helper that trains it is the helper's training
    for (let i = argSig0; i < ctx.sigs.length; i++) if (ctx.sigs[i]!.src === 'kb' && ph.some(([p, w]) => p === ctx.sigs[i]!.phase && w >= topW * 0.5)) ctx.sigs[i]!.w *= 0.3;
    for (const [p, w] of ph) {
      if (w < topW * 0.5) continue;
      ctx.sigs.push({ phase: p, w: PHASE_WEIGHT[p] * mult * (w / topW), ev: `${name}() (user ${userClass ? 'class' : 'function'}) -> ${p}`, src: 'user' });
    }
    if (userClass && userClass.baseType && ph.length === 0) {
      const cs = an.kb.construct(userClass.baseType);
      if (cs) an.emit(cs, `${userClass.baseQ ?? userClass.baseType}`, ctx, mult, allArgs, null);
    }
  }

  // --- hyper-parameter candidates
  const trainingLike =
    (classType !== null && ['model', 'search'].includes(an.kb.role(classType) ?? '')) ||
    (spec !== null && spec.phases.some((p) => p === 'model_training' || p === 'hyperparameter_tuning')) ||
    userPhases.some(([p]) => p === 'model_training' || p === 'hyperparameter_tuning');
  if (trainingLike) an.collectParams(e, argVals, kwVals, name, user ?? userClass?.methods.get('__init__') ?? null, ctx);
  if (ctx.loopVars.size > 0 && (classType !== null || /\.(fit|train|compile)$/.test(name)) && trainingLike) {
    // (Pipeline([('prep', prep), ('model', reg)]) with reg looped over a dict of models compares models: no candidate value)
    const refs: [Expr, Val][] = [...e.kw.map((k, i): [Expr, Val] => [k[1], kwVals[i]![1]]), ...(classType !== null ? e.args.map((a, i): [Expr, Val] => [a, argVals[i]!]) : [])];
    const hit = refs.find(([x, v]) => refersTo(x, ctx.loopVars) && !(v.taint & T_MODEL))?.[0];
    if (hit) ctx.sigs.push({ phase: 'hyperparameter_tuning', w: 1.5 * mult, ev: `shape: ${name}() built from loop variable -> hyperparameter_tuning`, src: 'shape' });
  }

  // --- result value
  if (user) {
    if (user.phases.length === 0) {
      if (!user.external) user.callers.push({ sigs: ctx.sigs, fn: ctx.fn });
      an.impure = true;
      let taint = 0;
      for (const a of allArgs) taint |= a.taint;
      if (taint & T_MODEL) taint = (taint & ~T_MODEL) | T_PRED;
      return { ...EMPTY, taint: taint | user.ret.taint };
    }
    const r = user.ret;
    return { ...r, lit: undefined };
  }
  if (userClass) {
    const bt = userClass.baseType;
    return { ...EMPTY, t: bt, q: userClass.baseQ ?? userClass.name, inst: userClass, taint: roleTaint(an.kb.role(bt)) | T_MODEL * (bt ? 0 : 0) };
  }
  if (spec) return an.result(spec, recv, kwVals.some(([k]) => k === 'index') && argVals.some((a) => (a.taint & (T_PRED | T_DATA)) === T_PRED) ? [...argVals, ...kwVals.filter(([k]) => k !== 'index').map((x) => x[1])] : allArgs, classType ? name : (recv?.q ?? null)); // (predictions given row labels, index=df.index, are still predictions)
  // unknown call: the value derives from its arguments and receiver
  let taint = recv ? recv.taint : 0;
  for (const a of allArgs) taint |= a.taint;
  // f(X, W) with W a trained model/weights yields predictions (models.items() / .values(): the models themselves)
  if (taint & T_MODEL && !(f.k === 'attr' && e.args.length === 0 && VIEW_METHODS.has(f.attr))) taint = (taint & ~T_MODEL) | T_PRED;
  return { ...EMPTY, taint, t: recv?.t && an.kb.role(recv.t) === 'data' ? recv.t : null };
}

/** The phase of a call that writes a value to a file (a data writer of rules/data-writes.ts), or null for other calls. */
function writtenPhase(an: Engine, e: Extract<Expr, { k: 'call' }>, name: string, recv: Val | null, args: Val[], kw: [string, Val][]): Phase | null {
  const role = (v: Val): Written => ({
    model: (v.taint & T_MODEL) !== 0 || (v.t !== null && an.kb.role(v.t) === 'model') || v.origin === 'model_training' || v.origin === 'hyperparameter_tuning',
    results: (v.taint & (T_PRED | T_METRIC)) !== 0 && !v.sum,
    data: (v.taint & (T_DATA | T_LABEL)) !== 0,
    origin: v.origin,
  });
  if (e.fn.k === 'attr' && recv && WRITE_METHODS.has(e.fn.attr)) {
    const root = attrRoot(e.fn.obj);
    return phaseOfWrite(`.${e.fn.attr}`, [role(recv)], root !== null ? [root] : []);
  }
  const fn = WRITE_FUNCTIONS.get(name);
  if (!fn) return null;
  const [from, key] = fn;
  const vals = [...args.slice(from, e.args.length), ...kw.filter(([k]) => k === key || (key === '' && k !== 'file' && k !== 'allow_pickle')).map(([, v]) => v)];
  const names = e.args.slice(from).map(attrRoot).filter((r): r is string => r !== null);
  return phaseOfWrite(name, vals.map(role), names);
}

/** `len(data)` anywhere inside a displayed expression: f-string parts, arithmetic, str()/format() arguments. */
function sizeWithin(an: Engine, e: Expr, ctx: Ctx): boolean {
  if (an.isSizeOfData(e, ctx)) return true;
  switch (e.k) {
    case 'str':
      return e.parts.some((p) => sizeWithin(an, p, ctx));
    case 'bin':
      return sizeWithin(an, e.l, ctx) || sizeWithin(an, e.r, ctx);
    case 'call':
      return (e.fn.k === 'attr' && sizeWithin(an, e.fn.obj, ctx)) || e.args.some((a) => sizeWithin(an, a, ctx));
    case 'seq':
    case 'other':
      return (e.k === 'seq' ? e.items : e.parts).some((p) => sizeWithin(an, p, ctx));
    default:
      return false;
  }
}

/** Signals of the callables passed as arguments (`model.fit`, a user function) to a helper or an unknown function. */
function passedCallables(an: Engine, e: Extract<Expr, { k: 'call' }>, ctx: Ctx, mult: number): void {
  for (const a of [...e.args, ...e.kw.map((k) => k[1])]) {
    if (a.k === 'attr' && a.obj.k === 'name') {
      const v = ctx.scope.get(a.obj.id);
      if (!v || v.mod || !v.t) continue;
      const spec = an.kb.method(v.t, a.attr);
      for (const p of spec?.phases ?? []) if (p !== 'display' && p !== 'plot' && p !== 'other' && p !== 'setup')
        ctx.sigs.push({ phase: p, w: PHASE_WEIGHT[p] * mult * 0.8, ev: `${v.q ?? v.t}.${a.attr} (passed to ${exprText(e.fn)}) -> ${p}`, src: 'kb' });
    } else if (a.k === 'name') {
      const fv = ctx.scope.get(a.id);
      if (!fv?.fn) continue;
      an.summarize(fv.fn);
      if (fv.fn.phases.length === 0) passedWithoutPhase(fv.fn, ctx);
      const topW = fv.fn.phases[0]?.[1] ?? 0;
      for (const [p, w] of fv.fn.phases) if (w >= topW * 0.5 && p !== 'other' && p !== 'setup')
        ctx.sigs.push({ phase: p, w: PHASE_WEIGHT[p] * mult * 0.8 * (w / topW), ev: `${fv.fn.name} (passed to ${exprText(e.fn)}) -> ${p}`, src: 'user' });
    }
  }
}

/** A helper with no phase of its own handed to a call (x.apply(fage), map(f, xs)) is called for the statement's work (finish.ts). */
function passedWithoutPhase(uf: UserFn, ctx: Ctx): void {
  if (!uf.external) uf.callers.push({ sigs: ctx.sigs, fn: ctx.fn });
}

/** the tables joined by a merge (receiver and other table, or pd.merge's two arguments), all as loaded or cleaned */
function isMergeOf(name: string, f: Expr, recv: Val | null, args: Val[]): boolean {
  const tables = f.k === 'attr' && f.attr === 'merge' && recv ? [recv, args[0]] : name === 'pandas.merge' ? [args[0], args[1]] : [];
  return tables.length === 2 && tables.every((v) => v !== undefined && v.taint & T_DATA && (v.origin === 'data_loading' || v.origin === 'data_cleaning'));
}

/** views of a container (a dict of models): what they hold, not something computed from it */
const VIEW_METHODS = new Set(['items', 'values', 'keys', 'copy']);

/** a call constructing a step (Ridge(alpha=1), or a (name, Ridge()) pair, or a list of them): not a model made before */
function constructsModel(e: Expr): boolean {
  if (e.k === 'seq') return e.items.some(constructsModel);
  return e.k === 'call' && e.fn.k === 'name' && /^[A-Z]/.test(e.fn.id) && !/(Scaler|Imputer|Encoder|Transformer|Vectorizer|PCA|Selector|Pipeline)$/.test(e.fn.id);
}
