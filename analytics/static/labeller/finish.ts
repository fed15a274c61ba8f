/** End of a file: remaining summaries, helpers labelled by their callers, def and class statements, plot runs, and the final phases of every record. */
import type { Phase } from '../phases.js';
import type { StatementResult, FunctionResult, FileAnalysis } from './results.js';
import type { Rec, Signal, UserFn } from './model.js';
import { PHASE_WEIGHT, provisionalTop, PLOT_EV_RE, SECONDARY_RATIO, LOOP_SECONDARY_RATIO, finalize } from './signals.js';
import type { Engine } from './engine.js';
import { consolidateBodies } from './consolidate.js';
import { chooseHelperPhase } from '../rules/helper-roles.js';
import { PLOT_ONLY_EV, pickOutcome } from '../rules/plot-only.js';
import { CLEAN_INPUT_EV, FEATURE_INPUT_EV, resolveCleanInputs, resolveFeatureInputs } from '../rules/clean-inputs.js';
import { resolveCaptions } from '../rules/captions.js';
import { resolveFigureStyles } from '../rules/figure-styles.js';
import { fittedFunctionPhases } from '../rules/fitted-curves.js';
import { relabelGradientHelpers } from '../rules/gradient-helpers.js';
import { EXPLORATION_FRAME_EV, explorationFrameRecs } from '../rules/exploration-frames.js';
import { USED_FOR_EV, resolveUsedFor, undecided, madeForFeaturesAfterAll } from '../rules/used-for.js';

export function finish(an: Engine, file: string, sha: string): FileAnalysis {
  for (const uf of an.fns) an.summarize(uf);
  for (const uf of an.fns) uf.phases = fittedFunctionPhases(uf) ?? uf.phases; // curve_fit's model (rules/fitted-curves.ts)
  relabelGradientHelpers(an.gradientHelpers, an.fns); // helpers whose results a gradient step reads (rules/gradient-helpers.ts)
  // helpers without a phase of their own (pure arithmetic) take the phase of the code that calls them (the statement,
  // else the loop around it, else the calling function), ties and uncalled helpers by their name (rules/helper-roles.ts)
  const voted = new Set<UserFn>();
  for (let round = 0; round < 3; round++) {
    for (const uf of an.fns) {
      if (uf.external || (uf.phases.length > 0 && !voted.has(uf))) continue;
      const votes = new Map<Phase, number>();
      for (const c of uf.callers) {
        const p = callerPhase(an, c.sigs) ?? c.fn?.phases[0]?.[0] ?? null;
        if (p && p !== 'other' && p !== 'setup') votes.set(p, (votes.get(p) ?? 0) + 1);
      }
      const best = chooseHelperPhase(uf.name, votes);
      if (!best) continue;
      uf.phases = [[best, 1]];
      voted.add(uf);
    }
  }
  for (const uf of voted) {
    const best = uf.phases[0]![0];
    const why = uf.callers.length > 0 ? `${uf.name}() is called for ${best}` : `${uf.name}() by its name`;
    for (const r of uf.records) if (!r.sigs.some((x) => x.src === 'kb' || x.src === 'user' || x.src === 'shape'))
      r.sigs.push({ phase: best, w: 0.5, ev: `${why} -> ${best}`, src: 'inherit' });
  }
  // def statements get their function's phases; class statements the union of their methods
  const all: Rec[] = [...an.records];
  const seen = new Set<Rec>(all);
  for (const uf of an.fns) {
    for (const r of uf.records) if (!seen.has(r)) {
      seen.add(r);
      all.push(r);
    }
    if (uf.defRec) {
      const r = uf.defRec;
      r.sigs.length = 0;
      const topW = uf.phases[0]?.[1] ?? 0;
      for (const [p, w] of uf.phases) if (w >= topW * 0.5) r.sigs.push({ phase: p, w: PHASE_WEIGHT[p] * (w / topW), ev: `def ${uf.name}: body -> ${p}`, src: 'user' });
      if (r.sigs.length === 0) r.sigs.push({ phase: 'other', w: 0.3, ev: `def ${uf.name}: empty body -> other`, src: 'fallback' });
      if (!seen.has(r)) {
        seen.add(r);
        all.push(r);
      }
    }
  }
  for (const r of an.records) {
    if (r.isClass) {
      const ph = an.classPhases(r.isClass);
      const topW = ph[0]?.[1] ?? 0;
      r.sigs.length = 0;
      for (const [p, w] of ph) if (w >= topW * 0.5) r.sigs.push({ phase: p, w: PHASE_WEIGHT[p] * (w / topW), ev: `class ${r.isClass.name}: methods -> ${p}`, src: 'user' });
    }
  }
  for (const c of an.plotDefs) {
    const p = pickOutcome(c, false);
    if (p) c.rec.sigs = [{ phase: p, w: 1, ev: PLOT_ONLY_EV(`value of line ${c.rec.start + 1}`, p), src: 'shape' }];
  }
  // statistics and constants read only by cleaning statements or helpers are part of the cleaning (rules/clean-inputs.ts)
  const fnTop = (uf: UserFn): Phase | null => uf.phases[0]?.[0] ?? null;
  const cleaning = resolveCleanInputs(an.cleanDefs, fnTop);
  for (const d of cleaning)
    if (!an.plotDefs.some((c) => c.rec === d.rec && c.drawn && !c.spoiled)) d.rec.sigs = [{ phase: 'data_cleaning', w: 1, ev: CLEAN_INPUT_EV(d.names), src: 'shape' }];
  // and those read only by statements making features are part of making them
  const featureInputs = (): void => {
    for (const d of resolveFeatureInputs(an.cleanDefs, fnTop, cleaning))
      if (!an.plotDefs.some((c) => c.rec === d.rec && c.drawn && !c.spoiled)) d.rec.sigs = [{ phase: 'feature_engineering', w: 1, ev: FEATURE_INPUT_EV(d.names), src: 'shape' }];
  };
  featureInputs();
  // values made by no recognised operation take the phase of their first reader (rules/used-for.ts)
  for (const [d, p] of resolveUsedFor(an.usedForDefs))
    if (undecided(d.rec.sigs)) d.rec.sigs = [{ phase: p, w: 0.6, ev: USED_FOR_EV(d.names, p), src: 'name' }];
  // again, now that such values have phases (skewness read by skewed = skewness[skewness > 0.75].index, itself read by
  // the log transform of the skewed columns), and the values first read by such a statistic
  featureInputs();
  for (const d of madeForFeaturesAfterAll(an.usedForDefs)) d.rec.sigs = [{ phase: 'feature_engineering', w: 0.6, ev: USED_FOR_EV(d.names, 'feature_engineering'), src: 'name' }];
  // frames of a few columns binned or derived only to be looked at (rules/exploration-frames.ts)
  for (const [r, name] of explorationFrameRecs(an.explorationFrameDefs)) r.sigs = [{ phase: 'data_exploration', w: 1, ev: EXPLORATION_FRAME_EV(name), src: 'shape' }];
  // picks used only to derive values that are themselves only drawn (grid = imgs[:8] * 0.15 + 0.6) are drawn too
  for (const c of an.plotDefs)
    if (c.spoiled && pickOutcome(c, true)) c.rec.sigs = [{ phase: 'visualization', w: 1, ev: PLOT_ONLY_EV(`value of line ${c.rec.start + 1}`, 'visualization'), src: 'shape' }];
  an.resolvePlots(all);
  for (const r of all) {
    const ratio = r.loop ? LOOP_SECONDARY_RATIO : SECONDARY_RATIO;
    // signal arrays shared with a statement memo never change: their final phases are computed once
    const m = r.memo;
    if (m && m.sigs === r.sigs) {
      if (!m.final || m.finalRatio !== ratio) {
        m.final = finalize(r.sigs, ratio);
        m.finalRatio = ratio;
      }
      r.final = m.final;
      r.sharedFinal = true;
    } else r.final = finalize(r.sigs, ratio);
  }
  // top-level prints of literals caption the statements around them (rules/captions.ts)
  resolveCaptions(an.records);
  resolveFigureStyles(an.records); // sns.set(font_scale=1.25) in a plotting cell (rules/figure-styles.ts)
  consolidateBodies(an.fns, an.records.filter((r) => r.isClass));
  all.sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.start - b.start || b.end - a.end || a.seq - b.seq);
  const statements: StatementResult[] = all.map((r) => ({
    start_line: r.start + 1,
    end_line: r.end + 1,
    cell: r.cell,
    // (finals shared with the memo are copied: callers may change their result)
    phases: r.sharedFinal ? r.final!.phases.slice() : r.final!.phases,
    evidence: r.sharedFinal ? r.final!.evidence.slice() : r.final!.evidence,
    confidence: r.final!.confidence,
  }));
  const fnsSorted = [...an.fns].sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.start - b.start);
  const functions: FunctionResult[] = fnsSorted.map((uf) => ({
    name: uf.name,
    start_line: uf.start + 1,
    end_line: uf.end + 1,
    phases: uf.phases.filter(([, w]) => w >= (uf.phases[0]?.[1] ?? 0) * 0.5).map(([p]) => p),
  }));
  for (const uf of fnsSorted) an.functionCells.push(uf.cell);
  const parameters = [...an.params].sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line);
  return { file, sha256: sha, statements, functions, parameters };
}

/** Plot statements whose data could not be typed take the phase of the plot statements around them. */
export function resolvePlots(an: Engine, all: Rec[]): void {
  const byScope = new Map<UserFn | null, Rec[]>();
  for (const r of all) {
    const k = r.scope;
    let l = byScope.get(k);
    if (!l) byScope.set(k, (l = []));
    l.push(r);
  }
  for (const list of byScope.values()) {
    list.sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.start - b.start || a.seq - b.seq);
    const plotPhase = (r: Rec): Phase | null => {
      let best: Phase | null = null;
      let bw = 0;
      for (const s of r.sigs)
        if ((s.phase === 'visualization' || s.phase === 'data_exploration') && / -> (visualization|data_exploration)$/.test(s.ev) && s.w > bw) {
          best = s.phase;
          bw = s.w;
        }
      return best;
    };
    // (invariant under the rewrites below, which keep a plot's evidence naming the plot)
    const isPlot = (r: Rec): boolean => {
      if (r.plot !== undefined) return r.plot;
      const m = r.memo && r.memo.sigs === r.sigs ? r.memo : null;
      let p = m?.plot;
      if (p === undefined) {
        p = r.sigs.some((s) => s.phase === 'plot?' || s.ev.includes(' -> visualization') || PLOT_EV_RE.test(s.ev));
        if (m) m.plot = p;
      }
      return (r.plot = p);
    };
    // a run of consecutive plot statements that shows any result (predictions, metrics) is a result figure
    for (let i = 0; i < list.length; ) {
      if (!isPlot(list[i]!)) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < list.length && isPlot(list[j + 1]!) && list[j + 1]!.cell === list[i]!.cell) j++;
      const run = list.slice(i, j + 1);
      if (run.length > 1 && run.some((r) => r.sigs.some((x) => x.phase === 'visualization' && x.src === 'kb'))) {
        for (const r of run)
          for (const x of r.sigs)
            if (x.phase === 'data_exploration' && x.src === 'kb' && /^matplotlib\.pyplot\./.test(x.ev)) {
              // copy on write: signal arrays of replayed statements are shared with their memo
              r.sigs = r.sigs.map((y) => (y === x ? { ...x, phase: 'visualization', ev: x.ev.replace(/ -> data_exploration$/, ' -> visualization (with results)') } : y));
            }
      }
      i = j + 1;
    }
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      if (!isPlot(r) || !r.sigs.some((s) => s.phase === 'plot?')) continue;
      let found: Phase | null = null;
      for (let j = i - 1; j >= 0 && !found; j--) {
        const o = list[j]!;
        if (o.cell !== r.cell || !isPlot(o)) break;
        found = plotPhase(o);
      }
      for (let j = i + 1; j < list.length && !found; j++) {
        const o = list[j]!;
        if (o.cell !== r.cell || !isPlot(o)) break;
        found = plotPhase(o);
      }
      const ph: Phase = found ?? (r.trainedBefore ? 'visualization' : 'data_exploration');
      r.sigs = r.sigs.map((s) => (s.phase === 'plot?' ? { ...s, phase: ph, ev: s.ev.replace(/ -> plot$/, ` -> ${ph}`) } : s));
    }
  }
}

/** The phase of a call's statement; for a statement with none, that of the blocks around it (a loop's body statement). */
function callerPhase(an: Engine, sigs: Signal[]): Phase | null {
  for (let s: Signal[] | undefined = sigs, depth = 0; s && depth < 8; s = an.enclosing.get(s), depth++) {
    const p = provisionalTop(s);
    if (p) return p;
  }
  return null;
}
