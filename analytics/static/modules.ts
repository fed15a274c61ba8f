/**
 * The user's own modules (issue 13): `from utils import plot_hist` / `import helpers` / `import pkg.mod as m`
 * resolved to Python files next to the analysed file, so that a call to one of their functions gets the
 * phases of that function's body (the analyser summarises the module with the same machinery it uses for
 * the helpers defined in the file itself).
 *
 * Resolution: a dotted name `a.b` is looked for as `a/b.py` or `a/b/__init__.py` (or a namespace directory
 * `a/b/`) under the analysed file's directory, then under its parent and grandparent (notebooks in a
 * `notebooks/` folder next to `src/`, `sys.path.append('..')`, relative imports). Names whose first segment
 * is a library the knowledge base knows are never looked for on disk.
 *
 * Each module is summarised once per content: the cache keeps, per absolute path, the text it summarised
 * and the files that summary read (its own imports, transitively, with their sha256); a change to any of
 * them summarises it again. Cycles (a imports b imports a) are cut: a module being summarised resolves to
 * nothing while its own summary is in progress, and the callee-name rules apply instead.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MAX_FILE_BYTES } from './errors.js';

/** Levels of directories searched: the analysed file's own, its parent, its grandparent. */
const SEARCH_LEVELS = 3;
/** Nested module summaries deeper than this resolve to nothing (a guard; cycles are cut before). */
const MAX_DEPTH = 8;

/** Files a summary was computed from: absolute path → sha256 of the text read. */
export type ModuleDeps = Map<string, string>;

/** Where a dotted module name lives on disk. `file` is null for a namespace package (a directory). */
export interface ModuleLocation {
  dotted: string;
  root: string;
  file: string | null;
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The directories searched for the modules of a file in `dir`, nearest first. */
export function searchRoots(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir, i = 0; i < SEARCH_LEVELS; i++) {
    out.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return out;
}

/** `a.b` under `root`: a/b.py, a/b/__init__.py, or the namespace directory a/b. */
export function locateIn(root: string, dotted: string): ModuleLocation | null {
  if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(dotted)) return null;
  const base = join(root, ...dotted.split('.'));
  if (isFile(`${base}.py`)) return { dotted, root, file: `${base}.py` };
  if (isFile(join(base, '__init__.py'))) return { dotted, root, file: join(base, '__init__.py') };
  if (isDir(base) && existsSync(base)) return { dotted, root, file: null };
  return null;
}

/** The first of `roots` that holds module `dotted`. */
export function locate(roots: readonly string[], dotted: string): ModuleLocation | null {
  for (const r of roots) {
    const l = locateIn(r, dotted);
    if (l) return l;
  }
  return null;
}

/** Reads a module's text, or null when it cannot be read or is too large to analyse. */
export function readModule(path: string): string | null {
  try {
    const text = readFileSync(path, 'utf8');
    return Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES ? null : text;
  } catch {
    return null;
  }
}

/** Whether every file a summary (or an analysis) read still has the content it had. */
export function depsHold(deps: Iterable<[string, string]>): boolean {
  for (const [path, h] of deps) {
    const text = readModule(path);
    if (text === null || sha(text) !== h) return false;
  }
  return true;
}

interface Entry<M> {
  text: string;
  summary: M;
  /** files read for the summary, the module itself included, transitively */
  deps: ModuleDeps;
}

/**
 * Summaries of the user's modules, per absolute path, valid while the files they were computed from keep
 * their content. `M` is the analyser's summary (its functions and classes); this class knows nothing of it.
 */
export class ModuleSummaries<M> {
  private readonly entries = new Map<string, Entry<M>>();
  private readonly busy = new Set<string>();
  /** summaries being built (innermost last): a cycle cut inside one makes it, and those around it, uncacheable */
  private readonly building: { cut: boolean }[] = [];

  /**
   * The summary of the module at `path`, computing it with `build` when needed. `build` gets the text and
   * a deps map to which it adds the files its own imports read. Null while `path` is being summarised
   * (a cycle), when nesting is too deep, or when the file cannot be read.
   */
  get(path: string, build: (text: string, deps: ModuleDeps) => M, deps: ModuleDeps): M | null {
    if (this.busy.has(path) || this.busy.size >= MAX_DEPTH) {
      // what the modules around this one see depends on where the analysis started: not kept
      for (const b of this.building) b.cut = true;
      return null;
    }
    const text = readModule(path);
    if (text === null) return null;
    const hit = this.entries.get(path);
    if (hit && hit.text === text && depsHold([...hit.deps].filter(([p]) => p !== path))) {
      for (const [p, h] of hit.deps) deps.set(p, h);
      return hit.summary;
    }
    const own: ModuleDeps = new Map([[path, sha(text)]]);
    const frame = { cut: false };
    this.busy.add(path);
    this.building.push(frame);
    let summary: M;
    try {
      summary = build(text, own);
    } finally {
      this.busy.delete(path);
      this.building.pop();
    }
    if (!frame.cut) this.entries.set(path, { text, summary, deps: own });
    if (this.entries.size > 512) this.entries.delete(this.entries.keys().next().value as string);
    for (const [p, h] of own) deps.set(p, h);
    return summary;
  }

  /** Runs `f` with `path` marked as being analysed (the top-level file: a module importing it back sees a cycle). */
  within<T>(path: string | null, f: () => T): T {
    if (!path || this.busy.has(path)) return f();
    this.busy.add(path);
    try {
      return f();
    } finally {
      this.busy.delete(path);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
