/** analyzeSource / analyzeFile: input validation, notebook detection, typed errors. */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { analyzeUnits, sha256, type FileAnalysis } from './analyzer.js';
import { MAX_FILE_BYTES, StaticAnalysisError } from './errors.js';
import type { KnowledgeBase } from './knowledge.js';
import { looksLikeNotebook, notebookUnits, sanitizeIPython, type SourceUnit } from './notebook.js';

export interface AnalyzeSourceOptions {
  /** force notebook (true) or script (false); by default detected from the extension and content */
  notebook?: boolean;
  kb?: KnowledgeBase;
  /** precomputed sha256 of `source` */
  sha256?: string;
  /** resolve imports of the user's own modules next to `file` (default true; modules.ts) */
  modules?: boolean;
}

const NON_PYTHON_EXT = new Set([
  '.js', '.mjs', '.cjs', '.ts', '.json', '.csv', '.tsv', '.txt', '.md', '.rst', '.html', '.htm', '.css', '.xml', '.yaml', '.yml', '.toml',
  '.ini', '.cfg', '.sh', '.bash', '.r', '.rmd', '.jl', '.java', '.c', '.h', '.cc', '.cpp', '.go', '.rs', '.rb', '.php', '.sql', '.png', '.jpg',
  '.jpeg', '.gif', '.pdf', '.zip', '.gz', '.tar', '.pkl', '.pickle', '.npy', '.npz', '.parquet', '.xlsx', '.xls', '.duckdb', '.db', '.so', '.pyc',
]);

export function analyzeSourceWith(source: string, file: string, opts: AnalyzeSourceOptions = {}): FileAnalysis {
  if (Buffer.byteLength(source, 'utf8') > MAX_FILE_BYTES) {
    throw new StaticAnalysisError('TOO_LARGE', file, `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; not analysed`);
  }
  if (source.trim() === '') throw new StaticAnalysisError('EMPTY', file, 'file is empty');
  if (source.includes('\u0000')) throw new StaticAnalysisError('NOT_PYTHON', file, 'binary file, not Python source');
  const isNotebook = opts.notebook ?? looksLikeNotebook(file, source);
  const ext = extname(file).toLowerCase();
  if (!isNotebook && NON_PYTHON_EXT.has(ext)) {
    throw new StaticAnalysisError('NOT_PYTHON', file, `not a Python script or notebook (extension ${ext})`);
  }
  let units: SourceUnit[];
  if (isNotebook) {
    units = notebookUnits(source, file);
    if (units.every((u) => u.source.trim() === '' && u.magics.length === 0)) throw new StaticAnalysisError('EMPTY', file, 'notebook has no code');
  } else {
    const src = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    // IPython syntax in .py exports of notebooks (`# In[3]:` style) is tolerated too
    const hasIPy = /^\s*[%!]/m.test(src);
    const s = hasIPy ? sanitizeIPython(src) : { source: src, magics: [] };
    units = [{ cell: null, source: s.source, magics: s.magics }];
  }
  const res = analyzeUnits(units, file, opts.sha256 ?? sha256(source), { kb: opts.kb, modules: opts.modules });
  if (res.statements.length === 0 && (res.detail?.syntax_errors ?? 0) > 0) {
    throw new StaticAnalysisError('PARSE', file, 'no statement could be parsed as Python');
  }
  if (!isNotebook && (res.detail?.syntax_errors ?? 0) > 0 && res.statements.length > 0 && looksLikeProse(source)) {
    throw new StaticAnalysisError('NOT_PYTHON', file, 'does not look like Python source');
  }
  return res;
}

/** A text that tree-sitter mostly fails on and that has no Python keywords at all is not Python. */
function looksLikeProse(source: string): boolean {
  return !/(^|\n)\s*(import|from|def|class|for|if|while|with|return|print)\b|=|\(/.test(source);
}

export async function analyzeFileWith(
  path: string,
  analyze: (source: string, file: string, opts: AnalyzeSourceOptions) => FileAnalysis,
): Promise<FileAnalysis> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StaticAnalysisError('ENOENT', path, 'no such file');
    if (code === 'EACCES') throw new StaticAnalysisError('EACCES', path, 'permission denied');
    throw new StaticAnalysisError('IO', path, (e as Error).message);
  }
  if (st.isDirectory()) throw new StaticAnalysisError('IS_DIRECTORY', path, 'is a directory');
  if (st.size > MAX_FILE_BYTES) throw new StaticAnalysisError('TOO_LARGE', path, `file is ${(st.size / 1024 / 1024).toFixed(1)} MB, larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; not analysed`);
  if (st.size === 0) throw new StaticAnalysisError('EMPTY', path, 'file is empty');
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES') throw new StaticAnalysisError('EACCES', path, 'permission denied');
    throw new StaticAnalysisError('IO', path, (e as Error).message);
  }
  return analyze(source, path, {});
}
