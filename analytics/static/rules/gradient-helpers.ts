/**
 * Helpers of a hand-written gradient descent (issue 13, the NumPy tutorials: `cost, gradients =
 * forward_backward_propagation(w, b, x_train, y_train)` then `w = w - learning_rate * gradients['derivative_weight']`):
 * a user function whose results a gradient step reads computes that step (forward pass, loss, derivatives), so it is
 * model_training, whatever its arithmetic on the data looked like (`z = np.dot(w.T, x_train) + b` is no feature).
 * Decided by def-use: labeller/statement.ts reports every statement here, labeller/finish.ts relabels the helpers
 * before the helpers without phases of their own (sigmoid) are voted on by their callers.
 */
import type { StmtKind } from '../ir.js';
import type { Rec, Signal, UserFn, Scope } from '../labeller/model.js';
import { collectTargetNames } from '../labeller/expr-utils.js';
import { T_DATA } from '../labeller/values.js';

/** evidence of a hand-written update of weights (labeller/assign.ts handWrittenUpdate) */
const GRADIENT_STEP_EV_RE = /^shape: .* updated by a gradient step -> model_training$/;
/** evidence of a call of a user function that trains */
const USER_TRAINING_EV_RE = /\(user function\) -> model_training$/;

export interface GradientHelperState {
  /** names bound to a user function's results, per function (key `fn key:name`, `:name` at top level) */
  readonly results: Map<string, UserFn>;
  /** helpers whose results a gradient step read */
  readonly steppers: Set<UserFn>;
  /** helpers whose results a user training function was handed (w, b = initialize_weights_and_bias(d); update(w, b, ...)) */
  readonly starters: Set<UserFn>;
}

const keyOf = (fn: UserFn | null, name: string): string => `${fn?.key ?? ''}:${name}`;

/**
 * After each statement: the results of user helpers it reads in a gradient step mark those helpers, then the names it
 * binds to a user helper's results are remembered (rebinding them otherwise forgets them). True when the state changed.
 */
export function trackGradientHelpers(st: GradientHelperState, s: StmtKind, rec: Rec, reads: ReadonlySet<string>, fn: UserFn | null, scope: Scope): boolean {
  let changed = false;
  const mark = (into: Set<UserFn>): void => {
    for (const n of reads) {
      const f = st.results.get(keyOf(fn, n));
      if (f && !into.has(f)) {
        into.add(f);
        changed = true;
      }
    }
  };
  if (rec.sigs.some((x) => GRADIENT_STEP_EV_RE.test(x.ev))) mark(st.steppers);
  if (rec.sigs.some((x) => USER_TRAINING_EV_RE.test(x.ev))) mark(st.starters);
  if (s.k !== 'assign') return changed;
  const names: string[] = [];
  for (const t of s.targets) collectTargetNames(t, names);
  const callee = s.value?.k === 'call' && s.value.fn.k === 'name' ? scope.get(s.value.fn.id)?.fn : undefined;
  for (const n of names) {
    const k = keyOf(fn, n);
    if (callee && !callee.external) {
      st.results.set(k, callee);
      changed = true;
    } else if (st.results.delete(k)) changed = true;
  }
  return changed;
}

const STEP_HELPER_EV = (name: string): string => `inside ${name}(): a step of a hand-written gradient descent -> model_training`;

/**
 * At the end of the file: each marked helper is model_training (and a helper without phases of its own whose results
 * a user training function is handed: the starting values of the training, corpus README), and so is every statement of its body that no library
 * call labels otherwise. The callers' views of those statements' signals are replaced too (`y_head = sigmoid(z)` in
 * the helper votes for what sigmoid is for).
 */
export function relabelGradientHelpers(st: GradientHelperState, fns: readonly UserFn[]): void {
  // (starting values are the training's only when the helper has no phase of its own and returns no data: a
  // helper scaling the features a training function is handed keeps its phase)
  const helpers = [...st.steppers, ...[...st.starters].filter((f) => f.phases.length === 0 && !(f.ret.taint & T_DATA) && !st.steppers.has(f))];
  if (helpers.length === 0) return;
  const replaced = new Map<Signal[], Signal[]>();
  for (const f of helpers) {
    f.phases = [['model_training', 1]];
    for (const r of f.records) {
      if (r.sigs.some((x) => x.src === 'kb' && x.phase !== 'model_training' && x.phase !== 'other')) continue;
      const fresh: Signal[] = [{ phase: 'model_training', w: 1, ev: STEP_HELPER_EV(f.name), src: 'shape' }];
      replaced.set(r.sigs, fresh);
      r.sigs = fresh;
    }
  }
  for (const g of fns) for (const c of g.callers) c.sigs = replaced.get(c.sigs) ?? c.sigs;
}
