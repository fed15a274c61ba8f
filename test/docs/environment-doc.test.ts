/**
 * docs/environment.md against the source: every LABTRACE_* variable the agent, daemon, CLI or
 * analytics mention, and every environment variable any source reads (os.environ.get, environ[...],
 * getenv, process.env.X, $X in shell, $(X) in make, a quoted PYTHON* or COVERAGE_* name), is a row of its table; every row names a variable some source
 * mentions. Source text is scanned by folder, so files moving between folders do not matter.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDoc, sourceFiles, tableRows } from './doc-tables.js';

const PRODUCT_DIRS = ['python-agent', 'daemon', 'cli', 'analytics', 'common', 'proto/labtrace.proto'];
const ALL_DIRS = [...PRODUCT_DIRS, 'bench', 'test', 'Makefile'];
const EXTS = ['.py', '.ts', '.c', '.sh', '.proto', 'Makefile'];
const LABTRACE_NAME = /\bLABTRACE_[A-Z0-9][A-Z0-9_]*/g;
const READS = [
  /\b(?:environ|env)\.get\(\s*["']([A-Z_][A-Z0-9_]*)["']/g,
  /\benviron\[\s*["']([A-Z_][A-Z0-9_]*)["']\s*\](?!\s*=[^=])/g,
  /\bgetenv\(\s*["']([A-Z_][A-Z0-9_]*)["']/g,
  /\bprocess\.env\.([A-Z_][A-Z0-9_]*)/g,
  /\bprocess\.env\[\s*['"]([A-Z_][A-Z0-9_]*)['"]\s*\]/g,
  /\$\{?(LABTRACE_[A-Z0-9_]+)/g,
  /\$\((PYENV_ROOT|TRANSPARENCY_ARGS)\)/g,
  // Python's and coverage's own variables, which harnesses set or strip for the runs they start.
  /["'](PYTHON[A-Z0-9_]+|COVERAGE_[A-Z0-9_]+)["']/g,
];

/** Tests of this folder talk about variables (and fixtures fake some): their text is not a reader. */
const isSelf = (path: string): boolean => path.startsWith('test/docs/');
const isTest = (path: string): boolean => /\.test\.ts$/.test(path) || path.startsWith('python-agent/tests/') || isSelf(path);

function documented(): Set<string> {
  const names = new Set<string>();
  for (const cells of tableRows(readDoc('environment.md'))) {
    for (const m of (cells[0] ?? '').matchAll(/`([A-Z_][A-Z0-9_]*)`/g)) {
      assert.ok(!names.has(m[1]!), `docs/environment.md lists ${m[1]} twice`);
      names.add(m[1]!);
    }
  }
  return names;
}

function matches(text: string, patterns: readonly RegExp[]): string[] {
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1] ?? m[0]));
}

test('every LABTRACE_* variable of the agent, daemon, CLI and analytics is in docs/environment.md', () => {
  const doc = documented();
  const missing = new Map<string, string>();
  for (const f of sourceFiles(PRODUCT_DIRS, EXTS)) {
    if (isSelf(f.path)) continue;
    for (const name of matches(f.text, [LABTRACE_NAME])) if (!doc.has(name)) missing.set(name, f.path);
  }
  assert.ok(doc.has('LABTRACE_HOME'), 'docs/environment.md has no variable table');
  assert.deepEqual(Object.fromEntries(missing), {}, 'variables mentioned in source (and a file) missing from docs/environment.md');
});

test('every environment variable a source reads is in docs/environment.md', () => {
  const doc = documented();
  const missing = new Map<string, string>();
  for (const f of sourceFiles(ALL_DIRS, EXTS)) {
    if (isSelf(f.path)) continue;
    for (const name of matches(f.text, READS)) {
      // Tests may read what they put in a child's environment (PATH with a fake git, ...); a
      // LABTRACE_* variable read by a test is still configuration someone sets: it must be listed.
      if (isTest(f.path) && !name.startsWith('LABTRACE_')) continue;
      if (!doc.has(name)) missing.set(name, f.path);
    }
  }
  assert.deepEqual(Object.fromEntries(missing), {}, 'variables read in source (and a file) missing from docs/environment.md');
});

test('docs/environment.md lists no variable that no source mentions', () => {
  const doc = documented();
  const mentioned = new Set<string>();
  for (const f of sourceFiles(ALL_DIRS, EXTS)) {
    if (isSelf(f.path)) continue;
    for (const name of matches(f.text, [LABTRACE_NAME, ...READS])) mentioned.add(name);
    for (const name of doc) if (!name.startsWith('LABTRACE_') && new RegExp(`\\b${name}\\b`).test(f.text)) mentioned.add(name);
  }
  assert.deepEqual([...doc].filter((n) => !mentioned.has(n)), [], 'documented variables no source mentions');
});
