/**
 * Hand-written parameter updates (issue 11): a step of gradient descent is model training whatever its syntax.
 *   W -= alpha * g                                    in place
 *   w = w - lr * dw                                   rebinding the same name
 *   W = np.subtract(W, lr * grad)                     through numpy
 *   W = [w - alpha * g for w, g in zip(W, grads)]     over a list of layers
 *   params = {k: params[k] - lr * grads[k] for k in params}
 * A step subtracts (or adds, for ascent) a gradient-like term from the value it rebinds: a product with a learning
 * rate, or a name that says gradient (grad, dw, d_loss, delta). `price = price - discount` is no update.
 * Pure functions over the IR: the analyser asks them, they know nothing of its state.
 */
import type { Expr } from '../ir.js';

/** names of gradients: grad, grads, gradient, dW, dw1, db, d_loss, dcost, deriv, delta */
const GRADIENT_NAME = /(^|_)(grads?|gradients?|d_?(w|b|W|theta|loss|cost)\d*|deriv\w*|delta\w*)$|^(grad|gradient)/i;
/** names of step sizes: lr, learning_rate, alpha, eta, step_size */
const RATE_NAME = /^(lr|learning_rate|learn_rate|alpha|eta|step_size|step|mu|gamma)(_\w+)?$/i;

function names(e: Expr, out: string[] = []): string[] {
  switch (e.k) {
    case 'name':
      out.push(e.id);
      break;
    case 'attr':
      out.push(e.attr);
      names(e.obj, out);
      break;
    case 'sub':
      names(e.obj, out);
      break;
    case 'call':
      names(e.fn, out);
      for (const a of e.args) names(a, out);
      break;
    case 'bin':
      names(e.l, out);
      names(e.r, out);
      break;
    case 'unary':
      names(e.e, out);
      break;
    case 'seq':
      for (const x of e.items) names(x, out);
      break;
    default:
      break;
  }
  return out;
}

/** A gradient-like term: `lr * g`, `grad`, `alpha * d_cost(X, W, Y)`, `(lr / n) * X.T @ err`. */
export function isStepTerm(e: Expr): boolean {
  const ns = names(e);
  if (ns.some((n) => GRADIENT_NAME.test(n))) return true;
  return e.k === 'bin' && (e.op === '*' || e.op === '/' || e.op === '@') && ns.some((n) => RATE_NAME.test(n));
}

/** The root name of `W`, `W[i]`, `self.W`, `params['w']`. */
function rootOf(e: Expr): string | null {
  if (e.k === 'name') return e.id;
  if (e.k === 'sub' || e.k === 'attr') return rootOf(e.obj);
  return null;
}

function refersTo(e: Expr, id: string): boolean {
  return names(e).includes(id);
}

/** `x - step` / `x + step` / np.subtract(x, step) with x the loop's own element `w` (or `target`). */
function isStepOf(value: Expr, own: (e: Expr) => boolean): boolean {
  if (value.k === 'bin' && (value.op === '-' || value.op === '+')) return own(value.l) && isStepTerm(value.r);
  if (value.k === 'call' && value.args.length === 2) {
    const fn = value.fn.k === 'attr' ? value.fn.attr : value.fn.k === 'name' ? value.fn.id : '';
    if (fn === 'subtract' || fn === 'add') return own(value.args[0]!) && isStepTerm(value.args[1]!);
  }
  return false;
}

/**
 * Whether `target (op)= value` is a hand-written parameter update; returns the names of the step sizes it uses
 * (candidate hyper-parameters: `lr`, `alpha`), or null.
 */
export function parameterUpdate(target: Expr, value: Expr, op: string | null): string[] | null {
  const root = rootOf(target);
  if (!root) return null;
  let step: Expr | null = null;
  if (op === '-=' || op === '+=') {
    if (isStepTerm(value)) step = value;
  } else if (op === null) {
    const own = (e: Expr): boolean => rootOf(e) === root;
    if (isStepOf(value, own)) step = value;
    else if (value.k === 'comp' && value.parts.length >= 2) {
      // [w - a * g for w, g in zip(W, grads)] (parts: element, iterables) / {k: P[k] - lr * G[k] for k in P}
      // (parts: key, value, iterables)
      const vars = new Set<string>();
      for (const t of value.targets) for (const n of names(t)) vars.add(n);
      const ownElt = (e: Expr): boolean => {
        const r = rootOf(e);
        return r !== null && (r === root || vars.has(r));
      };
      const rest = value.parts.slice(1);
      const elt = [value.parts[0]!, value.parts[1]!].find((x) => isStepOf(x, ownElt));
      if (elt && rest.some((x) => refersTo(x, root))) step = elt;
    }
  }
  if (!step) return null;
  return [...new Set(names(step).filter((n) => RATE_NAME.test(n)))];
}

/** array constructors that give a parameter its starting value: np.zeros(d), torch.randn(d, k), rng.normal(0, 0.01, d) */
const INIT_FN = /^(zeros|ones|empty|full|zeros_like|ones_like|full_like|eye|randn|rand|normal|uniform|standard_normal|random|random_sample|randint|xavier_uniform_?|kaiming_normal_?|glorot_uniform)$/;

/**
 * `np.zeros(d)`, `[np.zeros(d)]`, `np.random.randn(d, k) * 0.01`, `(torch.randn(3), torch.zeros(1))`: values created
 * only to be a starting point. Bound to a name that a later loop updates, they are the initial weights of a
 * hand-written training loop (the analyser then gives them the loop's phase, like accumulators).
 */
export function isInitialValue(e: Expr): boolean {
  switch (e.k) {
    case 'call': {
      const fn = e.fn.k === 'attr' ? e.fn.attr : e.fn.k === 'name' ? e.fn.id : '';
      return INIT_FN.test(fn);
    }
    case 'seq':
      return e.items.length > 0 && e.items.every(isInitialValue);
    case 'bin':
      return (e.op === '*' || e.op === '/') && (isInitialValue(e.l) || isInitialValue(e.r));
    default:
      return false;
  }
}

/** `W = [w - lr * g for w, g in zip(W, grads)]` / `centroids = new_centroids` inside a loop rebinding `name` from itself. */
export function rebindsFromItself(name: string, value: Expr): boolean {
  if (value.k === 'comp') return value.parts.some((x) => refersTo(x, name));
  return refersTo(value, name);
}
