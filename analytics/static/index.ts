/**
 * Static phase analysis of Python data-science scripts and notebooks — public API.
 *
 *   analyzeSource(source, file)   → FileAnalysis (the exact JSON of `labtrace analyze --json`, plus `detail`)
 *   analyzeFile(path)             → Promise<FileAnalysis>
 *   AnalysisCache / watchFiles    → content-hash cache and chokidar watcher for the daemon
 */
import { analyzeFileWith, analyzeSourceWith, type AnalyzeSourceOptions } from './api.js';
import type { FileAnalysis } from './analyzer.js';

export { PHASES, PHASE_NAMES, COARSE_CLASSES, toCoarseClass, coarseClassOfStatements, isPhase } from './phases.js';
export type { Phase, CoarseClass } from './phases.js';
export { StaticAnalysisError, MAX_FILE_BYTES } from './errors.js';
export type { StaticAnalysisErrorCode } from './errors.js';
export { AnalysisCache, watchFiles } from './cache.js';
export type { CacheStats } from './cache.js';
export { KnowledgeBase, getKnowledgeBase } from './knowledge.js';
export type { FileAnalysis, StatementResult, FunctionResult, ParameterResult, LiteralValue, AnalysisDetail } from './analyzer.js';
export { sha256 } from './analyzer.js';
export { warmParser, clearChunkCache } from './ir.js';
export type { AnalyzeSourceOptions } from './api.js';

/** Analyses Python source (or notebook JSON, detected from `file`'s extension or the content). */
export function analyzeSource(source: string, file: string, opts: AnalyzeSourceOptions = {}): FileAnalysis {
  return analyzeSourceWith(source, file, opts);
}

/** Reads and analyses a .py file or .ipynb notebook. Rejects with a StaticAnalysisError. */
export function analyzeFile(path: string): Promise<FileAnalysis> {
  return analyzeFileWith(path, analyzeSourceWith);
}

/** The documented JSON object of a file analysis (drops internal detail). */
export function toJsonObject(a: FileAnalysis): Omit<FileAnalysis, 'detail'> {
  return { file: a.file, sha256: a.sha256, statements: a.statements, functions: a.functions, parameters: a.parameters };
}
