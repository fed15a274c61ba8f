/**
 * Golden check of the analyser's output over the whole labelled corpus (issue 13's staged rebuild: a
 * refactoring must not change one label). Writes, or compares against, a JSON file holding for every corpus
 * file the analysis JSON (`labtrace analyze --json`) plus the internal detail that is deterministic, both
 * cold (chunk cache cleared) and warm (the same file analysed again: statement memos replayed).
 *   node build/analytics/static/golden-check.js --write FILE
 *   node build/analytics/static/golden-check.js --check FILE     (exit 1 and the first differences if any)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusDir, corpusFiles } from './corpus.js';
import { analyzeSource, clearChunkCache, toJsonObject } from './index.js';

type Golden = Record<string, string>;

/** The analysis of every corpus file, cold then warm, as canonical JSON strings. */
export function goldenOf(dir: string = corpusDir()): Golden {
  const out: Golden = {};
  const once = (f: string): string => {
    const path = join(dir, f);
    const a = analyzeSource(readFileSync(path, 'utf8'), path);
    const d = a.detail;
    const det = d ? { syntax_errors: d.syntax_errors, function_cells: d.function_cells, modules: d.modules.map((m) => [m.path, m.sha256]) } : null;
    return JSON.stringify({ ...toJsonObject(a), detail: det });
  };
  clearChunkCache();
  for (const f of corpusFiles(dir)) out[`cold:${f}`] = once(f);
  for (const f of corpusFiles(dir)) out[`warm:${f}`] = once(f);
  return out;
}

/** Differences between two goldens, at most `max` lines. */
export function diffGolden(a: Golden, b: Golden, max = 20): string[] {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[k] === b[k]) continue;
    if (a[k] === undefined || b[k] === undefined) out.push(`${k}: only in ${a[k] === undefined ? 'new' : 'old'}`);
    else {
      const x = JSON.parse(a[k]!) as { statements: unknown[] };
      const y = JSON.parse(b[k]!) as { statements: unknown[] };
      const i = x.statements.findIndex((s, j) => JSON.stringify(s) !== JSON.stringify(y.statements[j]));
      out.push(i >= 0 ? `${k}: statement ${i}: ${JSON.stringify(x.statements[i])} -> ${JSON.stringify(y.statements[i])}` : `${k}: functions, parameters or detail differ`);
    }
    if (out.length >= max) break;
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [mode, file] = process.argv.slice(2);
  if ((mode !== '--write' && mode !== '--check') || !file) {
    console.error('usage: golden-check.js --write FILE | --check FILE');
    process.exit(2);
  }
  const now = goldenOf();
  if (mode === '--write') {
    writeFileSync(file, JSON.stringify(now));
    console.log(`golden: ${Object.keys(now).length / 2} files written to ${file}`);
  } else {
    const diffs = diffGolden(JSON.parse(readFileSync(file, 'utf8')) as Golden, now);
    if (diffs.length) {
      console.log(diffs.join('\n'));
      process.exit(1);
    }
    console.log(`golden: ${Object.keys(now).length / 2} files, cold and warm, identical`);
  }
}
