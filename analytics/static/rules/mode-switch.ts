/**
 * A model switched to inference mode (`net.eval()`, `model.eval()` at top level) is switched for what follows: the
 * statement takes the phase of the next top-level statement with a phase of work, when that is model_evaluation
 * (an evaluation loop computing metrics) or prediction (an inference loop on new or test data). Statements with no
 * phase of their own in between (`all_probs = []`, an accumulator resolved later) are skipped; any other phase ends
 * the wait and the switch keeps its knowledge-base phase. An inference-only block makes it prediction even when the
 * predictions are scored right after (the corpus convention, test/corpus/phases/README.md). Tracked by
 * labeller/statement.ts.
 */
import type { Phase } from '../phases.js';
import type { Rec, Signal } from '../labeller/model.js';
import { readerPhase } from './used-for.js';

/** The analyser's state this rule keeps: the switch waiting for its statement, and the memo switch. */
export interface ModeSwitchState {
  modeSwitch: Rec | null;
  impure: boolean;
}

/** evidence of a switch to inference mode (torch.nn.Module.eval, keras-like `.eval()` of the knowledge base) */
const SWITCH_EV_RE = /\.eval -> model_evaluation$/;

export const MODE_SWITCH_EV = (p: Phase): string => `def-use: model switched to inference mode for the next statement -> ${p}`;

export function isModeSwitch(sigs: readonly Signal[]): boolean {
  return sigs.length > 0 && sigs.every((s) => s.src === 'kb' && SWITCH_EV_RE.test(s.ev));
}

/** After each top-level statement outside loops: resolve a waiting switch, then register this one if it is a switch. */
export function trackModeSwitch(st: ModeSwitchState, rec: Rec): void {
  const w = st.modeSwitch;
  if (w && w !== rec) {
    st.impure = true;
    const p = readerPhase(rec.sigs);
    if (p === 'model_evaluation' || p === 'prediction') {
      w.sigs = [{ phase: p, w: 1, ev: MODE_SWITCH_EV(p), src: 'shape' }];
      st.modeSwitch = null;
    } else if (p) st.modeSwitch = null;
  }
  if (isModeSwitch(rec.sigs)) {
    st.modeSwitch = rec;
    st.impure = true;
  }
}
