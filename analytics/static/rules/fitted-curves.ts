/**
 * Issue 13: scipy.optimize fitting a function the user wrote. curve_fit(f, x, y, p0=...) fits the parameters of f, so
 * f is the model: its def is model_training (a helper of pure arithmetic was voted by its callers, mostly the plot of
 * the fitted curve: visualization), and evaluating f with the fitted parameters (y_fit = f(t, *popt),
 * out[col] = np.maximum(f(days, *p), last)) predicts. minimize(loss, x0) / least_squares(residuals, x0) fit by
 * minimising the function handed over: that function is model_training too, but calling it is not a prediction.
 */
import type { Expr, StmtKind } from '../ir.js';
import { exprChildren } from './candidates.js';
import type { Scope, Signal, UserFn } from '../labeller/model.js';
import { PHASE_WEIGHT } from '../labeller/signals.js';
import type { Phase } from '../phases.js';

const CURVE_FITTERS = new Set(['scipy.optimize.curve_fit']);
const MINIMISERS = new Set(['scipy.optimize.minimize', 'scipy.optimize.least_squares', 'scipy.optimize.leastsq', 'scipy.optimize.minimize_scalar',
  'scipy.optimize.fmin', 'scipy.optimize.basinhopping', 'scipy.optimize.differential_evolution', 'scipy.optimize.dual_annealing']);

/** user functions handed to a fitter: 'model' (curve_fit's f) or 'objective' (a minimiser's function) */
const fitted = new WeakMap<UserFn, 'model' | 'objective'>();

/** the library name a callee spells (curve_fit, opt.curve_fit, scipy.optimize.curve_fit), from the scope's imports */
function libraryName(e: Expr, scope: Scope): string | null {
  if (e.k === 'name') {
    const v = scope.get(e.id);
    return v?.mod && v.q ? v.q : null;
  }
  if (e.k !== 'attr') return null;
  const base = libraryName(e.obj, scope);
  return base ? `${base}.${e.attr}` : null;
}

function calls(e: Expr, out: Extract<Expr, { k: 'call' }>[]): Extract<Expr, { k: 'call' }>[] {
  if (e.k === 'call') out.push(e);
  for (const c of exprChildren(e)) calls(c, out);
  return out;
}

function statementExprs(st: StmtKind): Expr[] {
  switch (st.k) {
    case 'assign': return st.value ? [st.value] : [];
    case 'expr': return [st.e];
    case 'return': return st.e ? [st.e] : [];
    case 'other': return st.exprs;
    default: return [];
  }
}

/** Before a statement is analysed: the user functions its fitter calls hand over become models (or objectives); true if any. */
export function markFittedFunctions(st: StmtKind, scope: Scope): boolean {
  let marked = false;
  for (const e of statementExprs(st)) for (const c of calls(e, [])) {
    const f = c.args[0];
    if (f?.k !== 'name') continue;
    const uf = scope.get(f.id)?.fn;
    const name = uf ? libraryName(c.fn, scope) : null;
    if (!uf || !name) continue;
    if (CURVE_FITTERS.has(name)) fitted.set(uf, 'model');
    else if (MINIMISERS.has(name) && !fitted.has(uf)) fitted.set(uf, 'objective');
    else continue;
    marked = true;
  }
  return marked;
}

/** After a statement's own signals: a fitted curve evaluated at some points, not to draw it, is a prediction; true if so. */
export function predictWithFittedCurve(st: StmtKind, scope: Scope, sigs: Signal[]): boolean {
  if (st.k !== 'assign' && st.k !== 'expr') return false;
  if (sigs.some((x) => x.phase === 'visualization' || x.phase === 'plot?')) return false;
  for (const e of statementExprs(st)) for (const c of calls(e, [])) {
    const uf = c.fn.k === 'name' ? scope.get(c.fn.id)?.fn : undefined;
    if (!uf || fitted.get(uf) !== 'model' || c.args.length + c.splat.length < 2) continue;
    sigs.push({ phase: 'prediction', w: PHASE_WEIGHT.prediction * 1.5, ev: `${uf.name}() with fitted parameters (the model curve_fit fitted) -> prediction`, src: 'kb' });
    return true;
  }
  return false;
}

/** At the end of the file: a function a fitter fitted, with no phase of its own, is the model (or its objective). */
export function fittedFunctionPhases(uf: UserFn): [Phase, number][] | null {
  return fitted.has(uf) && uf.phases.length === 0 ? [['model_training', 1]] : null;
}
