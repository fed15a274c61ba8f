/**
 * Signals to phases: the weight of each phase, merging a statement's signals (phaseWeights), its provisional
 * main phase, and the final phases, evidence and confidence of a record (finalize).
 */
import { PHASE_NAMES, type Phase } from '../phases.js';
import type { SigSrc, Signal, Rec, UserFn } from './model.js';

export const PHASE_WEIGHT: Record<Phase, number> = {
  setup: 1,
  data_loading: 1.25,
  data_exploration: 0.75,
  data_cleaning: 0.9,
  data_splitting: 1.2,
  feature_engineering: 0.9,
  model_training: 1.1,
  hyperparameter_tuning: 1.3,
  model_evaluation: 1.0,
  prediction: 0.9,
  visualization: 0.85,
  model_persistence: 1.1,
  other: 0.3,
};

export const SRC_CONF: Record<SigSrc, number> = { kb: 0.92, user: 0.8, shape: 0.65, name: 0.6, inherit: 0.5, fallback: 0.3 };

/** Records are created with every field set, so that they all share one object shape. */
export function newRec(start: number, end: number, cell: number | null, sigs: Signal[], scope: UserFn | null, seq: number, trainedBefore: boolean): Rec {
  return { start, end, cell, sigs, scope, seq, trainedBefore, isDef: undefined, isClass: undefined, loop: false, final: undefined, plot: undefined, sharedFinal: false, memo: null };
}

export function hasStrong(sigs: Signal[]): boolean {
  return sigs.some((s) => (s.src === 'kb' || s.src === 'user') && s.phase !== 'other' && s.w >= 0.3 && s.provisional !== true);
}

export function hasAny(sigs: Signal[]): boolean {
  return sigs.length > 0;
}

export function phaseWeights(sigs: Signal[]): Map<Phase, number> {
  // the same evidence repeated in one statement (two torch.tensor(...) calls) counts once
  const m = new Map<Phase, number>();
  const n = sigs.length;
  for (let i = 0; i < n; i++) {
    const s = sigs[i]!;
    const w = s.phase === 'plot?' ? s.w * 0.5 : s.w;
    let dup = false;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const o = sigs[j]!;
      if (o.phase === s.phase && o.ev === s.ev) {
        const ow = o.phase === 'plot?' ? o.w * 0.5 : o.w;
        if (ow > w || (ow === w && j < i)) {
          dup = true;
          break;
        }
      }
    }
    if (dup) continue;
    const p: Phase = s.phase === 'plot?' ? 'visualization' : s.phase;
    m.set(p, (m.get(p) ?? 0) + w);
  }
  return m;
}

export function provisionalTop(sigs: Signal[]): Phase | null {
  let best: Phase | null = null;
  let bw = 0;
  for (const [p, w] of phaseWeights(sigs)) if (w > bw) {
    best = p;
    bw = w;
  }
  return best;
}

export const PLOT_EV_RE = /plot|seaborn|matplotlib|plotly/;
export const SECONDARY_RATIO = 0.6;
export const PHASE_INDEX = Object.fromEntries(PHASE_NAMES.map((p, i) => [p, i])) as Record<Phase, number>;
/** loops usually do several things (fit, predict, score per fold): secondary phases are kept more easily */
export const LOOP_SECONDARY_RATIO = 0.45;

export function finalize(all: Signal[], ratio = SECONDARY_RATIO): { phases: Phase[]; evidence: string[]; confidence: number } {
  // a provisional guess (names of features or classes, derived values) adds no phase to firm evidence of another
  const firm = all.some((s) => s.provisional !== true && s.phase !== 'other');
  const sigs = firm ? all.filter((s) => s.provisional !== true) : all;
  const w = phaseWeights(sigs);
  if (w.size === 0) return { phases: ['other'], evidence: ['no recognised operation -> other'], confidence: 0.2 };
  // `other` only survives alone
  if (w.size > 1) w.delete('other');
  // a statement that draws a figure is visualization: the summaries it computes to draw it are part of the plot
  if (w.has('visualization') && sigs.some((s) => s.phase === 'visualization' && s.src === 'kb')) w.delete('data_exploration');
  // tuning subsumes the training, scoring and predicting it is made of
  const ht = w.get('hyperparameter_tuning') ?? 0;
  if (ht > 0) {
    let top = 0;
    for (const x of w.values()) top = Math.max(top, x);
    if (ht >= top * 0.5) for (const p of ['model_training', 'model_evaluation', 'prediction'] as const) w.delete(p);
  }
  const sorted = [...w.entries()].sort((a, b) => b[1] - a[1] || PHASE_INDEX[a[0]] - PHASE_INDEX[b[0]]);
  const topW = sorted[0]![1];
  const phases: Phase[] = [];
  let total = 0;
  for (const [p, x] of sorted) {
    total += x;
    if (x >= topW * ratio) phases.push(p);
  }
  const evidence: string[] = [];
  let srcConf = 0;
  for (let pi = 0; pi < phases.length; pi++) {
    const p = phases[pi]!;
    // the two strongest signals of the phase (first one wins ties, as a stable sort would)
    let b1: Signal | null = null;
    let b2: Signal | null = null;
    let conf = 0;
    for (const s of sigs) {
      if (s.phase !== p) continue;
      if (SRC_CONF[s.src] > conf) conf = SRC_CONF[s.src];
      if (!b1 || s.w > b1.w) {
        b2 = b1;
        b1 = s;
      } else if (!b2 || s.w > b2.w) b2 = s;
    }
    if (b1 && !evidence.includes(b1.ev) && evidence.length < 5) evidence.push(b1.ev);
    if (b2 && !evidence.includes(b2.ev) && evidence.length < 5) evidence.push(b2.ev);
    if (pi === 0) srcConf = b1 ? conf : -Infinity;
  }
  const dominance = topW / total;
  const confidence = Math.round(srcConf * (0.55 + 0.45 * dominance) * 100) / 100;
  return { phases, evidence, confidence };
}

/**
 * Data work (kb feature_engineering / data_cleaning signals from `from` on) that only prepares what an inspection shows:
 * `adf_report(series.diff())`, a user's report of a transformed series. Halved, as the receiver of a chain ending in a
 * look at the data is (labeller/call.ts), so the look decides.
 */
export function servesInspection(sigs: Signal[], from: number): void {
  for (let i = from; i < sigs.length; i++) {
    const x = sigs[i]!;
    if (x.src === 'kb' && (x.phase === 'feature_engineering' || x.phase === 'data_cleaning')) x.w *= 0.5;
  }
}
