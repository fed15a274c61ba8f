/**
 * Notebook support: extracting code cells from .ipynb JSON and neutralising IPython syntax
 * (`%magic`, `%%cell_magic`, `!shell`, `x = !cmd`, `obj?`) line by line, so that line numbers stay those
 * of the cell's own source and the rest of the cell is analysed normally.
 */
import { StaticAnalysisError } from './errors.js';

export interface SourceUnit {
  /** 0-based index into the notebook's `cells` array (markdown cells included); null for .py files */
  cell: number | null;
  source: string;
  /** IPython lines that were blanked out, with their 0-based line in the unit */
  magics: { line: number; text: string }[];
}

const NON_PYTHON_CELL_MAGICS = /^%%\s*(bash|sh|script|html|HTML|javascript|js|latex|markdown|md|svg|writefile|file|sql|perl|ruby|R|capture_output_only|cmd|powershell)\b/;

/** Replaces IPython-only syntax by `pass`/blank lines of the same count; returns the magics found. */
export function sanitizeIPython(source: string): { source: string; magics: { line: number; text: string }[] } {
  const lines = source.split('\n');
  const magics: { line: number; text: string }[] = [];
  let firstCode = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (firstCode >= 0 && NON_PYTHON_CELL_MAGICS.test(lines[firstCode]!.trim())) {
    const m = lines[firstCode]!.trim();
    magics.push({ line: firstCode, text: m });
    // %%writefile x.py has python content but it is written, not run
    return { source: lines.map(() => '').join('\n'), magics };
  }
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trimStart();
    const indent = line.slice(0, line.length - trimmed.length);
    if (trimmed.startsWith('%%')) {
      magics.push({ line: i, text: trimmed.trimEnd() });
      lines[i] = indent ? indent + 'pass' : '';
      changed = true;
      continue;
    }
    const lineMagic = /^%(time|timeit|prun|capture)\s+(.*)$/.exec(trimmed);
    if (lineMagic && lineMagic[1] !== 'capture' && lineMagic[2] && !lineMagic[2].startsWith('-')) {
      lines[i] = indent + lineMagic[2];
      changed = true;
      continue;
    }
    if (trimmed.startsWith('%') || trimmed.startsWith('!')) {
      magics.push({ line: i, text: trimmed.trimEnd() });
      lines[i] = indent ? indent + 'pass' : '';
      changed = true;
      continue;
    }
    // x = !ls, x = %who_ls
    const shellAssign = /^([A-Za-z_][\w, ]*)=\s*[!%](.*)$/.exec(trimmed);
    if (shellAssign) {
      magics.push({ line: i, text: trimmed.trimEnd() });
      lines[i] = `${indent}${shellAssign[1]}= None`;
      changed = true;
      continue;
    }
    // help: obj? obj?? ?obj (a trailing comment allowed): a look at documentation, recorded like a magic
    if (/^\??[A-Za-z_][\w.]*(\(\))?\?{1,2}\s*(#.*)?$/.test(trimmed) || /^\?{1,2}[A-Za-z_][\w.]*\s*(#.*)?$/.test(trimmed)) {
      magics.push({ line: i, text: trimmed.replace(/\s*#.*$/, '') });
      lines[i] = indent ? indent + 'pass' : '';
      changed = true;
    }
  }
  return { source: changed ? lines.join('\n') : source, magics };
}

interface NotebookJson {
  cells?: { cell_type?: string; source?: string | string[] }[];
  worksheets?: { cells?: { cell_type?: string; input?: string | string[]; source?: string | string[] }[] }[];
}

/** Code cells of a notebook, in order, with their index in the `cells` array. */
export function notebookUnits(text: string, file: string): SourceUnit[] {
  let nb: NotebookJson;
  try {
    nb = JSON.parse(text) as NotebookJson;
  } catch (e) {
    throw new StaticAnalysisError('BAD_NOTEBOOK', file, `not a valid notebook (JSON parse error: ${(e as Error).message})`);
  }
  const cells = nb.cells ?? nb.worksheets?.[0]?.cells;
  if (!Array.isArray(cells)) throw new StaticAnalysisError('BAD_NOTEBOOK', file, 'not a notebook: no "cells" array');
  const units: SourceUnit[] = [];
  cells.forEach((c, idx) => {
    if (!c || c.cell_type !== 'code') return;
    const raw = (c as { source?: string | string[]; input?: string | string[] }).source ?? (c as { input?: string | string[] }).input ?? '';
    const src = Array.isArray(raw) ? raw.join('') : String(raw);
    const { source, magics } = sanitizeIPython(src);
    units.push({ cell: idx, source, magics });
  });
  return units;
}

export function looksLikeNotebook(file: string, text: string): boolean {
  if (file.toLowerCase().endsWith('.ipynb')) return true;
  const t = text.trimStart();
  return t.startsWith('{') && /"cells"\s*:/.test(t.slice(0, 5000)) && /"nbformat"/.test(text);
}
