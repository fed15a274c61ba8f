/**
 * User helpers whose body is plain arithmetic (no library call says what they are for): `def sigmoid(z)`,
 * `def zscore(v)`, `def tokenize(text)`. The analyser first asks their callers (labeller/finish.ts: the phase of
 * the statement, or of the loop around it, that calls them); this vocabulary only breaks ties between callers
 * and labels helpers nobody in the file calls (a module's helpers, called from a notebook).
 *   model      sigmoid, softmax, relu, tanh, forward, predict, loss  -> model_training before prediction
 *   scaling    normalize, zscore, standardize, scale, minmax          -> feature_engineering
 *   text       tokenize, clean_text, lemmatize, stem, remove_stopwords -> data_cleaning before feature_engineering
 * Pure functions over names: they know nothing of the analyser's state.
 */
import type { Phase } from '../phases.js';

interface Role {
  re: RegExp;
  /** phases in order of preference; the first is the label of a helper no caller explains */
  phases: Phase[];
}

const ROLES: Role[] = [
  { re: /(^|_)(sigmoid|softmax|relu|leaky_relu|tanh|activation|forward|feed_?forward|predict\w*|loss|cost|log_?likelihood)(_|$)/i, phases: ['model_training', 'prediction'] },
  { re: /(^|_)(normali[sz]e|zscore|z_score|standardi[sz]e|scale|rescale|min_?max)(_|$)/i, phases: ['feature_engineering'] },
  { re: /(^|_)(tokeni[sz]e|tokens|clean_?text|lemmati[sz]e|stem|remove_stop_?words|strip_punct\w*)(_|$)/i, phases: ['data_cleaning', 'feature_engineering'] },
];

/** def softmax(scores) / def sigmoid(logits): a step of a model, whose scores are raw outputs, not metrics of it */
export function isModelStep(name: string): boolean {
  return helperRole(name)[0] === 'model_training';
}

/** The phases a helper's name suggests, most likely first; empty when the name says nothing. */
export function helperRole(name: string): Phase[] {
  return ROLES.find((r) => r.re.test(name))?.phases ?? [];
}

/**
 * The phase the callers of a helper vote for: the most votes; ties go to the phase the name prefers (then to the
 * first phase met). Null when nobody votes and the name says nothing.
 */
export function chooseHelperPhase(name: string, votes: ReadonlyMap<Phase, number>): Phase | null {
  const pref = helperRole(name);
  let best: Phase | null = null;
  let bw = 0;
  for (const [p, w] of votes) {
    const better = w > bw || (w === bw && best !== null && pref.includes(p) && (!pref.includes(best) || pref.indexOf(p) < pref.indexOf(best)));
    if (better) {
      best = p;
      bw = w;
    }
  }
  return best ?? pref[0] ?? null;
}
