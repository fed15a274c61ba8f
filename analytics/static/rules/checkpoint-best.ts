/**
 * The best score a training loop keeps (`best_val = float('inf')`, then per epoch `if val_loss < best_val:
 * best_val = val_loss; torch.save(model.state_dict(), ...)`) picks the checkpoint of one training run (early stopping,
 * keeping the best weights): it compares the passes of that run, no candidate models or parameter values. The corpus
 * labels such loops and their starting values model_training, model_evaluation, not tuning.
 */
import type { Expr } from '../ir.js';
import type { Rec, Signal } from '../labeller/model.js';
import { BEST_RE } from '../labeller/names.js';

/** evidence of labeller/assign.ts for a best-named value */
const BEST_CANDIDATE_EV_RE = /^(\w+) = best candidate -> hyperparameter_tuning$/;

/** the sides of a split an epoch passes over */
const SPLIT_SIDE_RE = /^(train|training|val|valid|validation|test|eval|dev)$/i;

/** for epoch in range(n) / for epoch in tqdm(range(n)) / while True / for phase in ['train', 'val']: passes over the data, not candidate values */
export function isPassLoop(kind: string, heads: readonly Expr[]): boolean {
  if (kind === 'while') return true;
  const h = heads.length === 1 ? heads[0]! : null;
  // for phase in ['train', 'val']: the two passes of an epoch (training, then validation)
  if (h && h.k === 'seq' && h.items.length > 1 && h.items.every((x) => x.k === 'str' && SPLIT_SIDE_RE.test(x.v))) return true;
  if (!h || h.k !== 'call' || h.fn.k !== 'name') return false;
  if (h.fn.id === 'range' || h.fn.id === 'trange') return true;
  const a = h.args[0];
  return (h.fn.id === 'tqdm' || h.fn.id === 'enumerate') && a !== undefined && isPassLoop('for', [a]);
}

/**
 * Turns the tuning votes a training loop's best score gave it (from votesFrom on) into evaluation, and the starting
 * values of the best-named values its body binds (`bound`, bound before the loop: `binderOf(name)`) into training and
 * evaluation. Returns whether a record before the loop changed.
 */
export function keepCheckpointScores(sigs: Signal[], votesFrom: number, line: number, bound: Iterable<string>, binderOf: (name: string) => Rec | undefined): boolean {
  let kept = false;
  for (let i = votesFrom; i < sigs.length; i++) {
    const m = BEST_CANDIDATE_EV_RE.exec(sigs[i]!.ev);
    if (!m) continue;
    kept = true;
    sigs[i] = { ...sigs[i]!, phase: 'model_evaluation', ev: `${m[1]} = best score of the training's passes (checkpoint) -> model_evaluation` };
  }
  let changed = false;
  if (kept) for (const n of bound) {
    if (!BEST_RE.test(n)) continue;
    const r = binderOf(n);
    if (!r || r.start >= line || !r.sigs.every((x) => BEST_CANDIDATE_EV_RE.test(x.ev) || x.phase === 'other')) continue;
    const ev = `def-use: ${n} starts the best score of a training loop -> `;
    r.sigs.splice(0, r.sigs.length, { phase: 'model_training', w: 1, ev: `${ev}model_training`, src: 'shape' }, { phase: 'model_evaluation', w: 1, ev: `${ev}model_evaluation`, src: 'shape' });
    changed = true;
  }
  return changed;
}
