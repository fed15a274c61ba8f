/** Reading the machine-checked parts of docs/*.md: markdown tables under headings, and source text. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';

export function readDoc(name: string): string {
  return readFileSync(join(REPO_ROOT, 'docs', name), 'utf8');
}

/** The cells of every table row in `text` (header and separator rows left out), backticks kept. */
export function tableRows(text: string): string[][] {
  const rows: string[][] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line.startsWith('|')) continue;
    const cells = line.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    if (lines[i + 1]?.trim().match(/^\|(\s*:?-+:?\s*\|)+$/)) continue; // a header row
    rows.push(cells);
  }
  return rows;
}

/** `name` out of a cell written as `` `name` ``, else undefined. */
export function codeName(cell: string | undefined): string | undefined {
  return cell?.match(/^`([^`]+)`$/)?.[1];
}

/** Sections of `text` under `### ...` headings: heading text -> the lines up to the next heading of level <= 3. */
export function sections(text: string, level = 3): Array<{ heading: string; body: string }> {
  const out: Array<{ heading: string; body: string }> = [];
  let current: { heading: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    const h = line.match(/^(#{1,6}) (.*)$/);
    if (h && h[1]!.length <= level) {
      if (current) out.push({ heading: current.heading, body: current.lines.join('\n') });
      current = h[1]!.length === level ? { heading: h[2]!.trim(), lines: [] } : undefined;
      continue;
    }
    current?.lines.push(line);
  }
  if (current) out.push({ heading: current.heading, body: current.lines.join('\n') });
  return out;
}

const SKIP_DIRS = new Set(['node_modules', 'build', '.venv', '.git', '.labtrace-test', 'gen', '__pycache__', 'docs', 'corpus', 'fixtures']);

/** Source files (repo-relative path, text) below `dirs` whose names end with one of `exts`. */
export function sourceFiles(dirs: readonly string[], exts: readonly string[]): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return; // a folder that does not exist (yet) holds no source
    }
    for (const name of names) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(path);
      } else if (exts.some((e) => name.endsWith(e)) || exts.includes(name)) {
        out.push({ path: relative(REPO_ROOT, path), text: readFileSync(path, 'utf8') });
      }
    }
  };
  for (const d of dirs) {
    const full = join(REPO_ROOT, d);
    if (statSync(full, { throwIfNoEntry: false })?.isFile()) out.push({ path: d, text: readFileSync(full, 'utf8') });
    else walk(full);
  }
  return out;
}
