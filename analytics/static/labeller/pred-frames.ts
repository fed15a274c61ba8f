/**
 * Def-use of frames written as a predictions file (rules/predictions-file.ts): the statement building a frame and
 * those filling it by column are kept per name; when a later statement writes the frame and what it writes holds
 * predictions (the write is model_persistence), they become model_persistence too — except a statement that
 * predicts while filling it (`out['y'] = model.predict(X)`), which stays prediction.
 */
import type { StmtKind } from '../ir.js';
import { isFrameBuild, writtenFrame } from '../rules/predictions-file.js';
import type { Rec, Scope } from './model.js';
import { T_PRED } from './values.js';
import { provisionalTop } from './signals.js';
import { attrRoot } from './expr-utils.js';
import type { Engine } from './engine.js';

/** evidence of a call that predicts (not of a conversion of predictions: preds.astype(int)) */
const PREDICTING_EV_RE = /\.(predict\w*|forecast|__call__|decision_function|kneighbors|generate|transform)\b/;

export function trackPredictionFrames(an: Engine, st: StmtKind, rec: Rec, scope: Scope): void {
  if (st.k === 'assign') {
    if (st.targets.length !== 1) return;
    const t = st.targets[0]!;
    if (t.k === 'name') {
      if (st.op === null && st.value && isFrameBuild(st.value)) {
        an.predFrames.set(t.id, [rec]);
        an.impure = true;
      } else if (an.predFrames.delete(t.id)) an.impure = true;
      return;
    }
    const root = t.k === 'sub' ? attrRoot(t.obj) : null;
    const filled = root !== null ? an.predFrames.get(root) : undefined;
    if (filled) {
      filled.push(rec);
      an.impure = true;
    }
    return;
  }
  if (st.k !== 'expr') return;
  const name = writtenFrame(st.e);
  const recs = name !== null ? an.predFrames.get(name) : undefined;
  if (!recs) return;
  an.impure = true;
  an.predFrames.delete(name!);
  const v = scope.get(name!);
  if (!v || !(v.taint & T_PRED) || provisionalTop(rec.sigs) !== 'model_persistence') return;
  for (const r of recs) {
    if (r.sigs.some((x) => x.phase === 'prediction' && (x.src === 'user' || (x.src === 'kb' && PREDICTING_EV_RE.test(x.ev))))) continue;
    r.sigs = [{ phase: 'model_persistence', w: 1, ev: `def-use: ${name} is written as a predictions file -> model_persistence`, src: 'shape' }];
  }
}
