/**
 * The house rules of the TypeScript tree, read from the sources' import lines: every import between
 * top-level folders points down the layers (common ← proto ← daemon ← analytics ← cli), no two files
 * import each other even through others, and no hand-written file grows past MAX_LINES. The Python
 * agent (python-agent/) keeps the same length rule, and its hooks reach the transport only for the
 * event kinds (transport/schema.py): the rest of the transport is wired to them by agent.py.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from './support/paths.js';

/** Lower first. Tests, test support and benchmarks sit on top: they may wire any layer together. */
const LAYERS = ['common', 'proto', 'daemon', 'analytics', 'cli'] as const;
const TOP_FOLDERS = [...LAYERS, 'test', 'bench'];
const MAX_LINES = 400;
/** Generated code. */
const LENGTH_EXEMPT = ['proto/gen/'];

interface SourceFile {
  readonly path: string;
  readonly lines: number;
  readonly imports: string[];
}

function listSources(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(join(REPO_ROOT, dir))) return out;
  for (const entry of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && path !== 'proto/gen') out.push(...listSources(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      out.push(path);
    }
  }
  return out;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Repo-relative targets of a file's relative imports (`x.js` is the compiled name of `x.ts`). */
export function importsOf(path: string, text: string): string[] {
  const targets: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const target = relative(REPO_ROOT, resolve(REPO_ROOT, dirname(path), match[1]!)).replace(/\.js$/, '.ts');
    targets.push(target.startsWith('proto/gen/') ? target.replace(/\.ts$/, '.js') : target);
  }
  return targets;
}

function readTree(): SourceFile[] {
  return TOP_FOLDERS.flatMap((dir) => listSources(dir)).map((path) => {
    const text = readFileSync(join(REPO_ROOT, path), 'utf8');
    return { path, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), imports: importsOf(path, text) };
  });
}

function layerOf(path: string): number {
  const top = path.split('/')[0]!;
  const rank = (LAYERS as readonly string[]).indexOf(top);
  return rank < 0 || path.endsWith('.test.ts') ? LAYERS.length : rank;
}

/** Imports that point up: a file of a lower layer reading one of a higher layer (or a test). */
export function upwardImports(files: readonly SourceFile[]): string[] {
  return files.flatMap((f) => f.imports.filter((t) => layerOf(t) > layerOf(f.path)).map((t) => `${f.path} -> ${t}`));
}

/** Every group of files that import each other through some path (Tarjan's strongly connected components). */
export function importCycles(files: readonly SourceFile[]): string[][] {
  const edges = new Map(files.map((f) => [f.path, f.imports]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || edges.get(v)!.includes(v)) cycles.push(group.sort());
    }
  };
  for (const f of files) if (!index.has(f.path)) visit(f.path);
  return cycles;
}

const tree = readTree();

test('the tree is read: every layer has files and imports resolve to files that exist', () => {
  for (const layer of LAYERS.filter((l) => l !== 'proto')) assert.ok(tree.some((f) => f.path.startsWith(`${layer}/`)), layer);
  const known = new Set(tree.map((f) => f.path));
  const missing = tree.flatMap((f) => f.imports.filter((t) => !known.has(t) && !t.startsWith('proto/gen/')).map((t) => `${f.path} -> ${t}`));
  assert.deepEqual(missing, []);
});

test('imports between top-level folders point down: common <- proto <- daemon <- analytics <- cli', () => {
  assert.deepEqual(upwardImports(tree), []);
});

test('no import cycle between files', () => {
  assert.deepEqual(importCycles(tree), []);
});

test(`no hand-written source file is longer than ${MAX_LINES} lines`, () => {
  const long = tree.filter((f) => f.lines > MAX_LINES && !LENGTH_EXEMPT.some((p) => f.path.startsWith(p)));
  assert.deepEqual(long.map((f) => `${f.path}: ${f.lines} lines`), []);
});

/** Every .py file under python-agent/, with its length and the labtrace_agent modules they import (dotted, absolute). */
function readPythonTree(): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== '__pycache__') walk(path);
      } else if (entry.name.endsWith('.py')) {
        const text = readFileSync(join(REPO_ROOT, path), 'utf8');
        out.push({ path, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), imports: pythonImportsOf(path, text) });
      }
    }
  };
  walk('python-agent');
  return out;
}

const PY_FROM = /^\s*from\s+(\.+)([\w.]*)\s+import\s+([\w, ]+)/gm;

/** What a python-agent file imports relatively, as repo paths (`from ..a import b` in pkg/x/y.py -> pkg/a/b: module or name). */
export function pythonImportsOf(path: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PY_FROM)) {
    let base = dirname(path).split('/');
    base = base.slice(0, base.length - (m[1]!.length - 1));
    const mod = m[2] ? [...base, ...m[2]!.split('.')] : base;
    for (const name of m[3]!.split(',')) out.push([...mod, name.trim().split(' ')[0]].join('/'));
  }
  return out;
}

const AGENT = 'python-agent/labtrace_agent';

/** hooks/ imports of transport/ other than its schema (the event kinds). */
export function hooksIntoTransport(files: readonly SourceFile[]): string[] {
  return files.filter((f) => f.path.startsWith(`${AGENT}/hooks/`)).flatMap((f) =>
    f.imports.filter((t) => t.startsWith(`${AGENT}/transport/`) && !t.startsWith(`${AGENT}/transport/schema/`)
      && t !== `${AGENT}/transport/schema`).map((t) => `${f.path} -> ${t}`));
}

const pyTree = readPythonTree();

test(`no Python agent file is longer than ${MAX_LINES} lines`, () => {
  assert.ok(pyTree.some((f) => f.path === `${AGENT}/agent.py`));
  assert.deepEqual(pyTree.filter((f) => f.lines > MAX_LINES).map((f) => `${f.path}: ${f.lines} lines`), []);
});

test('the agent\'s hooks import nothing of the transport but its schema', () => {
  assert.ok(pyTree.some((f) => f.imports.includes(`${AGENT}/transport/schema/CALL`)));
  assert.deepEqual(hooksIntoTransport(pyTree), []);
});

test('the checks catch what they are for', () => {
  const files: SourceFile[] = [
    { path: 'daemon/a.ts', lines: 1, imports: ['analytics/b.ts'] },
    { path: 'analytics/b.ts', lines: 1, imports: ['daemon/a.ts'] },
    { path: 'analytics/b.test.ts', lines: 1, imports: ['cli/c.ts'] },
  ];
  assert.deepEqual(upwardImports(files), ['daemon/a.ts -> analytics/b.ts']);
  assert.deepEqual(importCycles(files), [['analytics/b.ts', 'daemon/a.ts']]);
  const q = "'"; // (quotes spelled apart, so that this file's own text imports nothing)
  const text = `import { a } from ${q}../daemon/a.js${q};\nimport type { B } from ${q}./b.js${q};\nconst m = await import(${q}../common/m.js${q});\nexport { c } from "${"."}/c.js";`;
  assert.deepEqual(importsOf('cli/x.ts', text),
    ['daemon/a.ts', 'cli/b.ts', 'common/m.ts', 'cli/c.ts']);
  const py = 'from ..transport.schema import CALL\nfrom ..transport import batch, spool as s\nfrom . import Backend\n';
  const hook = `${AGENT}/hooks/x.py`;
  assert.deepEqual(pythonImportsOf(hook, py),
    [`${AGENT}/transport/schema/CALL`, `${AGENT}/transport/batch`, `${AGENT}/transport/spool`, `${AGENT}/hooks/Backend`]);
  assert.deepEqual(hooksIntoTransport([{ path: hook, lines: 1, imports: pythonImportsOf(hook, py) }]),
    [`${hook} -> ${AGENT}/transport/batch`, `${hook} -> ${AGENT}/transport/spool`]);
});
