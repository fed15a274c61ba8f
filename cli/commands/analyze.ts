/**
 * `labtrace analyze FILE... [--format table|csv|json]` — static phase analysis of Python scripts and notebooks.
 * Works without a daemon. Exit code 0 when every file was analysed, 1 if any failed (the others are
 * still printed, each failure through the CLI's error path with its code).
 */
import { readFile } from 'node:fs/promises';
import { LabtraceError } from '../../common/errors.js';
import { AnalysisCache, analyzeFile, toJsonObject, type FileAnalysis, type StatementResult } from '../../analytics/static/index.js';
import { reportError } from '../report-error.js';
import { formatResult, type OutputFormat } from '../../common/format.js';
import { progressLine, type ProgressStream } from '../../common/progress.js';

const cache = new AnalysisCache();

export async function analyzeCommand(
  files: string[],
  opts: { format: OutputFormat },
  out: NodeJS.WritableStream,
  err: ProgressStream,
): Promise<number> {
  let failed = 0;
  const results: ReturnType<typeof toJsonObject>[] = [];
  if (files.length === 0) throw new LabtraceError('BAD_ARGUMENT', 'analyze: no file given', 'labtrace analyze FILE...');
  // several files: `analysing 3/120 path` on stderr while it works, when stderr is a terminal
  const progress = progressLine(err, files.length > 1);
  for (const [i, file] of files.entries()) {
    progress.update(`analysing ${i + 1}/${files.length} ${file}`);
    try {
      const a = await cache.analyzeFile(file);
      progress.clear();
      if (opts.format === 'table') out.write(await formatAnalysis(a));
      else results.push(toJsonObject(a));
    } catch (e) {
      progress.clear();
      failed++;
      const error = e instanceof LabtraceError ? e : new LabtraceError('INTERNAL', `${file}: internal error: ${(e as Error).stack ?? String(e)}`);
      reportError(error, err, { prefix: 'labtrace analyze', withCode: true });
    }
  }
  if (opts.format === 'csv') {
    out.write(formatResult({
      columns: ['file', 'cell', 'start_line', 'end_line', 'phases', 'confidence'],
      rows: results.flatMap((r) => r.statements.map((s) => [r.file, s.cell, s.start_line, s.end_line, s.phases.join('+'), s.confidence])),
    }, 'csv'));
  } else if (opts.format === 'json') {
    if (files.length === 1) {
      if (results[0]) out.write(JSON.stringify(results[0], null, 2) + '\n');
    } else out.write(JSON.stringify(results, null, 2) + '\n');
  }
  return failed > 0 ? 1 : 0;
}

const SHORT: Record<string, string> = {
  setup: 'setup',
  data_loading: 'loading',
  data_exploration: 'exploration',
  data_cleaning: 'cleaning',
  data_splitting: 'splitting',
  feature_engineering: 'features',
  model_training: 'training',
  hyperparameter_tuning: 'tuning',
  model_evaluation: 'evaluation',
  prediction: 'prediction',
  visualization: 'visualization',
  model_persistence: 'persistence',
  other: 'other',
};
const MARGIN = 26;

/** The script (or the notebook's code cells) with a margin naming each statement's phases. */
export async function formatAnalysis(a: FileAnalysis): Promise<string> {
  const text = await readFile(a.file, 'utf8').catch(() => '');
  const parts: string[] = [`# ${a.file}  sha256 ${a.sha256.slice(0, 12)}  ${a.statements.length} statements\n`];
  const cells = new Map<number | null, string[]>();
  if (a.file.toLowerCase().endsWith('.ipynb') || text.trimStart().startsWith('{')) {
    try {
      const nb = JSON.parse(text) as { cells?: { cell_type?: string; source?: string | string[] }[] };
      (nb.cells ?? []).forEach((c, i) => {
        if (c.cell_type === 'code') cells.set(i, (Array.isArray(c.source) ? c.source.join('') : (c.source ?? '')).split('\n'));
      });
    } catch {
      cells.set(null, text.split('\n'));
    }
  } else cells.set(null, text.split('\n'));
  const byCell = new Map<number | null, StatementResult[]>();
  for (const s of a.statements) {
    let l = byCell.get(s.cell);
    if (!l) byCell.set(s.cell, (l = []));
    l.push(s);
  }
  for (const [cell, lines] of cells) {
    if (cell !== null) parts.push(`\n--- cell ${cell} ---\n`);
    const stmts = byCell.get(cell) ?? [];
    // innermost statement starting on each line wins; a line inside a statement shows a continuation mark
    const startAt = new Map<number, StatementResult>();
    for (const s of stmts) startAt.set(s.start_line, s);
    const cover = new Array<boolean>(lines.length + 2).fill(false);
    for (const s of stmts) for (let l = s.start_line; l <= s.end_line; l++) cover[l] = true;
    const width = String(lines.length).length;
    lines.forEach((line, i) => {
      const ln = i + 1;
      const s = startAt.get(ln);
      let margin = '';
      if (s) margin = `${s.phases.map((p) => SHORT[p] ?? p).join('+')} ${s.confidence.toFixed(2)}`;
      else if (cover[ln] && line.trim() !== '') margin = '  ┆';
      if (margin.length > MARGIN) margin = margin.slice(0, MARGIN - 1) + '…';
      parts.push(`${String(ln).padStart(width)} ${margin.padEnd(MARGIN)}│ ${line}\n`);
    });
  }
  if (a.functions.length > 0) {
    parts.push('\nfunctions:\n');
    for (const f of a.functions) parts.push(`  ${f.name} (lines ${f.start_line}-${f.end_line}): ${f.phases.join(', ') || '-'}\n`);
  }
  if (a.parameters.length > 0) {
    parts.push('hyperparameter candidates:\n');
    for (const p of a.parameters)
      parts.push(`  ${p.cell !== null ? `cell ${p.cell} ` : ''}line ${p.line}: ${p.call}(${p.name ?? '?'}=${JSON.stringify(p.value)})\n`);
  }
  return parts.join('');
}

export { analyzeFile };
