/**
 * Scoring of the analyser against the labelled corpus in test/corpus/phases (see its README).
 * Used by corpus.test.ts; exported so that the benchmark and reports can print the same figures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeSource } from './index.js';
import type { StatementResult } from './analyzer.js';
import { PHASE_NAMES, isPhase, type Phase } from './phases.js';
import { isTopLevel, scoreNotebook, type LabelledLine, type NotebookScore } from './cell-score.js';

export type { LabelledLine } from './cell-score.js';

export interface PhaseScore {
  phase: Phase;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface CorpusReport {
  files: number;
  statements: number;
  scores: PhaseScore[];
  primary_accuracy: number;
  mismatches: { file: string; cell: number | null; line: number; expected: Phase[]; got: Phase[]; evidence: string[] }[];
  problems: string[];
  /** per-cell coarse-class outcome of each file (cell-score.ts) */
  notebooks: NotebookScore[];
}

export function corpusDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '../../../test/corpus/phases');
}

const LABEL_RE = /#\s*phase:\s*([a-z_,\s]+?)\s*$/;

export function readLabels(file: string, text: string): LabelledLine[] {
  const out: LabelledLine[] = [];
  const scan = (src: string, cell: number | null): void => {
    src.split('\n').forEach((line, i) => {
      const m = LABEL_RE.exec(line);
      if (!m) return;
      const phases = m[1]!.split(',').map((s) => s.trim()).filter(Boolean);
      for (const p of phases) if (!isPhase(p)) throw new Error(`${file}:${i + 1}: unknown phase '${p}'`);
      out.push({ cell, line: i + 1, phases: phases as Phase[] });
    });
  };
  if (file.endsWith('.ipynb')) {
    const nb = JSON.parse(text) as { cells: { cell_type: string; source: string | string[] }[] };
    nb.cells.forEach((c, idx) => {
      if (c.cell_type === 'code') scan(Array.isArray(c.source) ? c.source.join('') : c.source, idx);
    });
  } else scan(text, null);
  return out;
}

/**
 * The corpus's scripts and notebooks, as paths relative to `dir`: its own files and those of its project
 * directories (multi-file projects whose files import each other, e.g. `churn_project/analysis.ipynb`).
 */
export function corpusFiles(dir: string = corpusDir()): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== '__pycache__') walk(p);
      else if (e.isFile() && (e.name.endsWith('.py') || e.name.endsWith('.ipynb'))) out.push(p);
    }
  };
  walk('');
  return out.sort();
}

/** The held-out split: files listed in the corpus's HELDOUT manifest (never tuned on; see its README). */
export function heldOutFiles(dir: string = corpusDir()): Set<string> {
  const text = readFileSync(join(dir, 'HELDOUT'), 'utf8');
  return new Set(text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
}

export function scoreCorpus(dir: string = corpusDir(), only?: readonly string[]): CorpusReport {
  const files = only ? [...only] : corpusFiles(dir);
  const notebooks: NotebookScore[] = [];
  const counts = new Map<Phase, { tp: number; fp: number; fn: number }>(PHASE_NAMES.map((p) => [p, { tp: 0, fp: 0, fn: 0 }]));
  const mismatches: CorpusReport['mismatches'] = [];
  const problems: string[] = [];
  let n = 0;
  let primaryOk = 0;
  for (const f of files) {
    const path = join(dir, f);
    const text = readFileSync(path, 'utf8');
    const labels = readLabels(f, text);
    const a = analyzeSource(text, path);
    const byLine = new Map<string, StatementResult[]>();
    for (const s of a.statements) {
      const k = `${s.cell}:${s.start_line}`;
      let l = byLine.get(k);
      if (!l) byLine.set(k, (l = []));
      l.push(s);
    }
    const labelled = new Set<string>();
    for (const lab of labels) {
      const k = `${lab.cell}:${lab.line}`;
      labelled.add(k);
      const stmts = byLine.get(k);
      if (!stmts) {
        problems.push(`${f}: cell ${lab.cell} line ${lab.line}: label on a line where no statement starts`);
        continue;
      }
      for (const s of stmts) {
        n++;
        const exp = new Set(lab.phases);
        const got = new Set(s.phases);
        if (s.phases[0] && exp.has(s.phases[0])) primaryOk++;
        for (const p of PHASE_NAMES) {
          const c = counts.get(p)!;
          if (exp.has(p) && got.has(p)) c.tp++;
          else if (got.has(p)) c.fp++;
          else if (exp.has(p)) c.fn++;
        }
        if (lab.phases.join() !== s.phases.join() && !(lab.phases.every((p) => got.has(p)) && s.phases.every((p) => exp.has(p))))
          mismatches.push({ file: f, cell: lab.cell, line: lab.line, expected: lab.phases, got: s.phases, evidence: s.evidence });
      }
    }
    notebooks.push(scoreNotebook(f, text, a, labels));
    for (const s of a.statements) {
      if (isTopLevel(s, a.statements) && !labelled.has(`${s.cell}:${s.start_line}`)) problems.push(`${f}: cell ${s.cell} line ${s.start_line}: top-level statement without a label`);
    }
  }
  const scores: PhaseScore[] = PHASE_NAMES.map((p) => {
    const c = counts.get(p)!;
    return {
      phase: p,
      ...c,
      precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
      recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
    };
  });
  return { files: files.length, statements: n, scores, primary_accuracy: n ? primaryOk / n : 0, mismatches, problems, notebooks };
}

export function formatReport(r: CorpusReport): string {
  const lines = [`corpus: ${r.files} files, ${r.statements} labelled statements, primary-phase accuracy ${(r.primary_accuracy * 100).toFixed(1)}%`];
  lines.push('phase                   support  precision  recall');
  for (const s of r.scores) lines.push(`${s.phase.padEnd(22)} ${String(s.tp + s.fn).padStart(8)}  ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}`);
  return lines.join('\n');
}
