/**
 * NumPy's element-wise math (issue 13): `np.log1p(df['Price'])`, `np.sqrt(x)`, `np.abs(s)` compute each value of their
 * argument as `x ** 0.5` or `x * 2` would, so the analyser treats such a call as arithmetic on it (labeller/call.ts):
 * on data it derives a feature or a target (`df['LogPrice'] = np.log1p(df['Price'])`, `y = np.log(y)`), while the
 * value keeps the roles of its argument (knowledge base `numpy.` prefix: `=> arg0`), so `np.expm1(model.predict(X))`
 * stays a prediction, `np.sqrt(mean_squared_error(...))` an evaluation and `np.abs(df.corr())` a look at the data.
 * SciPy's special functions of that kind (boxcox1p, inv_boxcox1p, expit) too.
 * Reductions (np.mean, np.sum), reshaping and constructors are not element-wise transforms and are left out.
 */
import type { Expr } from '../ir.js';
import type { Ctx, Val } from '../labeller/model.js';
import { isRawData } from '../labeller/values.js';

/** pandas' and NumPy's arithmetic methods: `df['a'].div(df['b'])`, `df.sub(df.mean())`, `s.pow(2)` (operators spelled as methods) */
const ARITHMETIC_METHODS = new Set([
  'add', 'sub', 'subtract', 'mul', 'multiply', 'div', 'divide', 'truediv', 'floordiv', 'mod', 'pow',
  'radd', 'rsub', 'rmul', 'rdiv', 'rtruediv', 'rfloordiv', 'rmod', 'rpow',
]);

/** apply-like methods calling the function they are given on each value */
const APPLY_LIKE = new Set(['apply', 'map', 'applymap', 'transform', 'pipe']);

/** the element-wise math functions of NumPy (also under cupy / jax.numpy, canonicalised to numpy) */
const ELEMENTWISE = new Set([
  'log', 'log1p', 'log2', 'log10', 'exp', 'expm1', 'exp2', 'sqrt', 'cbrt', 'square', 'power', 'float_power', 'reciprocal',
  'abs', 'absolute', 'fabs', 'sign', 'negative', 'round', 'around', 'rint', 'floor', 'ceil', 'trunc', 'fix',
  'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'arctan2', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh',
  'hypot', 'deg2rad', 'rad2deg', 'radians', 'degrees', 'maximum', 'minimum', 'fmax', 'fmin',
  'add', 'subtract', 'multiply', 'divide', 'true_divide', 'floor_divide', 'mod', 'remainder',
]);

/** SciPy's element-wise special functions: the Box-Cox transforms of skewed columns and their inverses, the logistic */
const SPECIAL = new Set(['boxcox', 'boxcox1p', 'inv_boxcox', 'inv_boxcox1p', 'expit', 'logit', 'erf']);

/** `numpy.log1p` / `scipy.special.boxcox1p` (a resolved, canonical name): an element-wise math function */
export function isElementwiseMath(qualified: string): boolean {
  const [mod, fn] = [qualified.slice(0, qualified.lastIndexOf('.')), qualified.slice(qualified.lastIndexOf('.') + 1)];
  return (mod === 'numpy' && ELEMENTWISE.has(fn)) || (mod === 'scipy.special' && SPECIAL.has(fn));
}

/**
 * Marks the statement's arithmetic (ctx.arith; ctx.rawArith when data is an operand) for a call `name` (resolved,
 * canonical) that is element-wise math, an arithmetic method of data (`df['a'].div(df['b'])`), or that hands such a
 * function to an apply-like method of data (`df['a'].apply(np.log1p)`, `s.map(np.sqrt)`). `qualify` gives the canonical name of an argument that names a module member.
 */
export function elementwiseArithmetic(ctx: Ctx, name: string, e: Extract<Expr, { k: 'call' }>, recv: Val | null, args: readonly Val[], qualify: (q: string) => string): void {
  const math = isElementwiseMath(name);
  const applied = !math && recv !== null && e.fn.k === 'attr' && APPLY_LIKE.has(e.fn.attr) && e.args.some((a) => {
    const q = memberName(a, ctx);
    return q !== null && isElementwiseMath(qualify(q));
  });
  const method = !math && recv !== null && e.fn.k === 'attr' && ARITHMETIC_METHODS.has(e.fn.attr) && recv.t !== null && /^(pandas\.|numpy\.ndarray$)/.test(recv.t);
  if (!math && !applied && !method) return;
  ctx.arith = true;
  if (((applied || method) && isRawData(recv!)) || ((math || method) && args.some(isRawData))) ctx.rawArith = true;
}

/** `np.log1p` / `log1p` (from numpy import log1p): the qualified name of a module member, or null */
function memberName(a: Expr, ctx: Ctx): string | null {
  if (a.k === 'name') {
    const v = ctx.scope.get(a.id);
    return v?.mod && v.q ? v.q : null;
  }
  if (a.k !== 'attr' || a.obj.k !== 'name') return null;
  const v = ctx.scope.get(a.obj.id);
  return v?.mod && v.q ? `${v.q}.${a.attr}` : null;
}
