/**
 * Content-addressed cache of analyses plus a chokidar watcher: the daemon calls `watchFiles` (or
 * `AnalysisCache.watch`) and gets a fresh analysis whenever a watched file changes on disk.
 */
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { analyzeFileWith, analyzeSourceWith, type AnalyzeSourceOptions } from './api.js';
import { sha256, type FileAnalysis } from './analyzer.js';
import { StaticAnalysisError } from './errors.js';
import { depsHold } from './modules.js';

export interface CacheStats {
  hits: number;
  misses: number;
  size: number;
}

export class AnalysisCache {
  private readonly entries = new Map<string, FileAnalysis>();
  private hits = 0;
  private misses = 0;
  private watchers: FSWatcher[] = [];

  constructor(private readonly maxEntries = 256) {}

  /** Analysis of `source`, from the cache when the same content (sha256) was analysed before. */
  analyzeSource(source: string, file: string, opts: AnalyzeSourceOptions = {}): FileAnalysis {
    const sha = sha256(source);
    const key = `${sha}\0${opts.notebook === undefined ? '' : String(opts.notebook)}`;
    const hit = this.entries.get(key);
    // an analysis that read the user's modules (modules.ts) holds for the same file while they are unchanged
    const mods = hit?.detail?.modules ?? [];
    if (hit && (mods.length === 0 || (hit.file === file && depsHold(mods.map((m) => [m.path, m.sha256]))))) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.file === file ? hit : { ...hit, file };
    }
    this.misses++;
    const res = analyzeSourceWith(source, file, { ...opts, sha256: sha });
    this.entries.set(key, res);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return res;
  }

  /** Reads and analyses a file (cached by content). */
  async analyzeFile(path: string): Promise<FileAnalysis> {
    return analyzeFileWith(path, (source, file, opts) => this.analyzeSource(source, file, opts));
  }

  get(sha: string): FileAnalysis | undefined {
    for (const [k, v] of this.entries) if (k.startsWith(sha)) return v;
    return undefined;
  }

  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, size: this.entries.size };
  }

  clear(): void {
    this.entries.clear();
  }

  /**
   * Watches files (or globs/directories handled by chokidar) and calls `onResult` with a new analysis
   * each time one is added or changes, or `onError` with a StaticAnalysisError. Resolves once the
   * initial scan is done; the initial analyses are delivered too.
   */
  async watch(
    paths: string | string[],
    onResult: (analysis: FileAnalysis) => void,
    onError: (error: StaticAnalysisError) => void = () => {},
  ): Promise<FSWatcher> {
    const w = chokidarWatch(paths, {
      ignoreInitial: false,
      awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 },
      ignored: (p: string, stats?: { isFile(): boolean }) => !!stats?.isFile() && !/\.(py|pyw|ipynb)$/i.test(p),
    });
    const handle = (p: string): void => {
      this.analyzeFile(p).then(onResult, (e: unknown) => {
        onError(e instanceof StaticAnalysisError ? e : new StaticAnalysisError('IO', p, (e as Error).message));
      });
    };
    w.on('add', handle);
    w.on('change', handle);
    this.watchers.push(w);
    await new Promise<void>((resolve) => w.once('ready', () => resolve()));
    return w;
  }

  async close(): Promise<void> {
    const ws = this.watchers;
    this.watchers = [];
    await Promise.all(ws.map((w) => w.close()));
  }
}

/** Convenience for the daemon: one cache, one watcher; call `close()` on the result to stop. */
export async function watchFiles(
  paths: string | string[],
  onResult: (analysis: FileAnalysis) => void,
  onError?: (error: StaticAnalysisError) => void,
  cache: AnalysisCache = new AnalysisCache(),
): Promise<{ cache: AnalysisCache; close: () => Promise<void> }> {
  await cache.watch(paths, onResult, onError);
  return { cache, close: () => cache.close() };
}
