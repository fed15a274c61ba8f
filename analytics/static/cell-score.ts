/**
 * Per-cell coarse-class scoring (issue 13), the measure of the public notebook benchmarks:
 *   a cell's predicted classes = the coarse classes of every phase of every statement in the cell,
 *   its true classes = the coarse classes of every phase labelled on its top-level statements;
 *   per notebook, precision = correct / predicted and recall = correct / true, summed over all cells;
 *   the corpus figure is the mean over notebooks (a notebook with no predicted label has precision 1).
 * Phases map to classes as in the issue (`STRICT_COARSE`): data_exploration is data preparation even for a
 * plot, so the analyser must call plots `visualization`; model_persistence and other are not counted.
 * A script's "cells" are its paragraphs: runs of top-level statements not separated by a blank line
 * (or `# %%` / `# In[ ]` markers, which start a new one).
 */
import type { FileAnalysis, StatementResult } from './analyzer.js';
import type { Phase } from './phases.js';

/** One labelled line of the corpus (a cell index for notebooks). */
export interface LabelledLine {
  cell: number | null;
  line: number;
  phases: Phase[];
}

export const STRICT_COARSE: Record<Phase, string | null> = {
  setup: 'Library Loading',
  data_loading: 'Data Preparation',
  data_exploration: 'Data Preparation',
  data_cleaning: 'Data Preparation',
  data_splitting: 'Data Preparation',
  feature_engineering: 'Feature Engineering',
  model_training: 'Model Building and Training',
  hyperparameter_tuning: 'Model Building and Training',
  model_evaluation: 'Model Building and Training',
  prediction: 'Model Building and Training',
  visualization: 'Visualization',
  model_persistence: null,
  other: null,
};
export const COARSE_NAMES = ['Library Loading', 'Data Preparation', 'Feature Engineering', 'Model Building and Training', 'Visualization'];

export interface CellOutcome {
  cell: string;
  truth: string[];
  predicted: string[];
}

export interface NotebookScore {
  file: string;
  cells: CellOutcome[];
  correct: number;
  predicted: number;
  truth: number;
  precision: number;
  recall: number;
}

function classesOf(phases: readonly Phase[]): Set<string> {
  const out = new Set<string>();
  for (const p of phases) {
    const c = STRICT_COARSE[p];
    if (c) out.add(c);
  }
  return out;
}

/** Key of the cell a line belongs to: the notebook cell, or the script paragraph of that line. */
function cellKeyer(a: FileAnalysis, text: string): (cell: number | null, line: number) => string {
  if (a.statements.some((s) => s.cell !== null)) return (cell) => String(cell);
  const lines = text.split('\n');
  const para: number[] = [0];
  let p = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '' || /^#\s*(%%|In\[)/.test(t)) p++;
    para.push(p);
  }
  // statements spanning blank lines (functions, loops) keep the paragraph of their first line, and the
  // statement after them starts a new paragraph
  const tops = a.statements.filter((s) => isTopLevel(s, a.statements)).sort((x, y) => x.start_line - y.start_line);
  const ofLine = new Map<number, string>();
  let key = -1;
  let prevEnd = -1;
  let prevPara = -1;
  for (const s of tops) {
    const sp = para[s.start_line]!;
    if (sp !== prevPara || para[prevEnd] !== sp) key++;
    for (let l = s.start_line; l <= s.end_line; l++) ofLine.set(l, `p${key}`);
    prevEnd = s.end_line;
    prevPara = sp;
  }
  return (_cell, line) => ofLine.get(line) ?? `line${line}`;
}

export function isTopLevel(s: StatementResult, all: readonly StatementResult[]): boolean {
  return !all.some(
    (o) => o !== s && o.cell === s.cell && o.start_line <= s.start_line && o.end_line >= s.end_line && (o.start_line < s.start_line || o.end_line > s.end_line),
  );
}

export function scoreNotebook(file: string, text: string, a: FileAnalysis, labels: readonly LabelledLine[]): NotebookScore {
  const keyOf = cellKeyer(a, text);
  const truth = new Map<string, Set<string>>();
  const pred = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, cs: Set<string>): void => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    for (const c of cs) s.add(c);
  };
  const tops = new Set(a.statements.filter((s) => isTopLevel(s, a.statements)).map((s) => `${s.cell}:${s.start_line}`));
  for (const l of labels) if (tops.has(`${l.cell}:${l.line}`)) add(truth, keyOf(l.cell, l.line), classesOf(l.phases));
  for (const s of a.statements) add(pred, keyOf(s.cell, s.start_line), classesOf(s.phases));
  const cells: CellOutcome[] = [];
  let correct = 0;
  let nPred = 0;
  let nTruth = 0;
  for (const k of new Set([...truth.keys(), ...pred.keys()])) {
    const t = truth.get(k) ?? new Set<string>();
    const p = pred.get(k) ?? new Set<string>();
    for (const c of p) if (t.has(c)) correct++;
    nPred += p.size;
    nTruth += t.size;
    cells.push({ cell: k, truth: [...t], predicted: [...p] });
  }
  return {
    file,
    cells,
    correct,
    predicted: nPred,
    truth: nTruth,
    precision: nPred === 0 ? 1 : correct / nPred,
    recall: nTruth === 0 ? 1 : correct / nTruth,
  };
}

export interface CoarseReport {
  notebooks: NotebookScore[];
  precision: number;
  recall: number;
  /** per class, micro-averaged over cells */
  perClass: { cls: string; tp: number; fp: number; fn: number; precision: number; recall: number }[];
}

export function coarseReport(notebooks: NotebookScore[]): CoarseReport {
  const n = notebooks.length || 1;
  const perClass = COARSE_NAMES.map((cls) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const nb of notebooks)
      for (const c of nb.cells) {
        const inT = c.truth.includes(cls);
        const inP = c.predicted.includes(cls);
        if (inT && inP) tp++;
        else if (inP) fp++;
        else if (inT) fn++;
      }
    return { cls, tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
  });
  return {
    notebooks,
    precision: notebooks.reduce((s, x) => s + x.precision, 0) / n,
    recall: notebooks.reduce((s, x) => s + x.recall, 0) / n,
    perClass,
  };
}

export function formatCoarse(title: string, r: CoarseReport): string {
  const cells = r.notebooks.reduce((s, x) => s + x.cells.length, 0);
  const lines = [`${title}: ${r.notebooks.length} files, ${cells} cells; coarse classes P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)} (mean over files)`];
  lines.push('  class                         cells  precision  recall');
  for (const c of r.perClass) lines.push(`  ${c.cls.padEnd(28)} ${String(c.tp + c.fn).padStart(6)}  ${c.precision.toFixed(3).padStart(9)}  ${c.recall.toFixed(3).padStart(6)}`);
  return lines.join('\n');
}
