/**
 * What changed between two runs: data, code, parameters, environment, and their metrics side by side.
 * Only real changes count: object addresses in reprs (`<function f at 0x7f…>`) are not part of a value,
 * NaN equals NaN (and an infinity itself), and a distribution changed only when both runs have it at
 * different versions — one that only one run imported is listed apart (the other run did not import it:
 * that says nothing about its environment), not as a difference.
 */
import { basename } from 'node:path';
import type { FileRole, RunRecord } from './run-record.js';
import type { SqlRunner } from '../../common/sql-source.js';
import { unifiedDiff } from './unified-diff.js';
import { parameterOwner, shortClass } from './render-record.js';
import { diffNotebooks, loadNotebookExecutions, loadSourceText, type NotebookDiff } from './notebook-diff.js';

export interface ValueChange {
  key: string;
  a: string | null;
  b: string | null;
  change: 'added' | 'removed' | 'changed';
  detail?: string;
}

export interface RunDiff {
  a: string;
  b: string;
  /** True when nothing below differs (packages imported by one run only do not count). */
  identical: boolean;
  /** `role`: what the file is to run B (to A when only A has it). */
  data: { path: string; role: FileRole; change: 'content changed' | 'only in A' | 'only in B' | 'same'; sha_a: string | null; sha_b: string | null; size_a: number | null; size_b: number | null }[];
  /** Scripts and modules; a notebook session's cells are in `notebook`, not here (their file names are the kernel's own). */
  code: { file_a: string | null; file_b: string | null; change: 'changed' | 'same' | 'only in A' | 'only in B'; diff: string }[];
  /** Notebook sessions: their cells compared (null when neither run is a notebook session). */
  notebook: NotebookDiff | null;
  parameters: ValueChange[];
  parameters_unchanged: number;
  environment: ValueChange[];
  /** Distributions one run imported and the other did not (`name version`): not differences. */
  imported_only: { a: string[]; b: string[] };
  metrics: { metric: string; a: number | null; b: number | null; delta: number | null; change_pct: number | null; change: 'same' | 'changed' | 'added' | 'removed' }[];
  /** Wall time per phase and of the whole run, seconds (null: the run has no such phase, or was not analysed).
   * Not counted by `identical`: two runs of the same code never take exactly the same time. */
  time: { phase: string; a_s: number | null; b_s: number | null; delta_s: number | null }[];
}

export async function diffRuns(sql: SqlRunner, a: RunRecord, b: RunRecord): Promise<RunDiff> {
  const data = diffData(a, b);
  const [cellsA, cellsB] = [await loadNotebookExecutions(sql, a.run), await loadNotebookExecutions(sql, b.run)];
  const cellFiles = (cells: typeof cellsA): Set<string> =>
    new Set([...cells.flatMap((x) => (x.cell_file ? [x.cell_file] : [])), ...cells.map((x) => `<cell ${x.ordinal}>`)]);
  const code = await diffCode(sql, a, b, cellFiles(cellsA), cellFiles(cellsB));
  const notebook = await diffNotebooks(sql, a.run, b.run, cellsA, cellsB);
  const parameters = diffParameters(a, b);
  const { environment, imported_only } = diffEnvironment(a, b);
  const metrics = diffMetrics(a, b);
  const identical = data.every((d) => d.change === 'same') && code.every((c) => c.change === 'same') && parameters.parameters.length === 0
    && environment.length === 0 && metrics.every((m) => m.change === 'same') && (notebook === null || (notebook.differing === 0 && !notebook.paths_differ));
  return { a: String(a.run.run_id), b: String(b.run.run_id), identical, data, code, notebook, ...parameters, environment, imported_only, metrics, time: diffTime(a, b) };
}

/** Phases in the order they first ran (A's, then those only B has), then the whole run. */
function diffTime(a: RunRecord, b: RunRecord): RunDiff['time'] {
  const seconds = (r: RunRecord, phase: string): number | null => {
    const p = r.phases.find((x) => x.phase === phase);
    return p ? Number(p.wall_s) : null;
  };
  const phases = [...new Set([...a.phases.map((p) => p.phase), ...b.phases.map((p) => p.phase)])];
  const rows = phases.map((phase) => ({ phase, a_s: seconds(a, phase), b_s: seconds(b, phase) }));
  const duration = (r: RunRecord): number | null => (r.run.duration_s === null || r.run.duration_s === undefined ? null : Number(r.run.duration_s));
  rows.push({ phase: '(whole run)', a_s: duration(a), b_s: duration(b) });
  return rows.map((r) => ({ ...r, delta_s: r.a_s !== null && r.b_s !== null ? Math.round((r.b_s - r.a_s) * 1000) / 1000 : null }));
}

/** A repr without the object addresses CPython prints (`<function f at 0x7f…>` → `<function f>`): they differ on every run. */
export function normalizeRepr(value: string): string {
  return value.replace(/ at 0x[0-9a-fA-F]+/g, '');
}

/** Numbers as a diff compares them: NaN equals NaN, an infinity equals itself. */
export function sameNumber(x: number | null, y: number | null): boolean {
  if (x === null || y === null) return x === y;
  return x === y || (Number.isNaN(x) && Number.isNaN(y));
}

const roleOf = (d: RunRecord['data'][number]): FileRole => d.role ?? (d.write ? 'output' : 'input');

function diffData(a: RunRecord, b: RunRecord): RunDiff['data'] {
  const paths = [...new Set([...a.data.map((d) => d.path), ...b.data.map((d) => d.path)])];
  return paths.map((path) => {
    const da = a.data.find((d) => d.path === path);
    const db = b.data.find((d) => d.path === path);
    const change = !da ? 'only in B' : !db ? 'only in A' : da.sha256 !== db.sha256 ? 'content changed' : 'same';
    return { path, role: roleOf((db ?? da)!), change, sha_a: da?.sha256 ?? null, sha_b: db?.sha256 ?? null, size_a: da?.size ?? null, size_b: db?.size ?? null };
  });
}

/**
 * Scripts are compared with each other whatever their names; other modules by path relative to their
 * project; a notebook's cells (CELLS_A/B: the files its kernel compiled them under) are left to diffNotebooks.
 */
async function diffCode(sql: SqlRunner, a: RunRecord, b: RunRecord, cellsA: ReadonlySet<string>, cellsB: ReadonlySet<string>): Promise<RunDiff['code']> {
  const rel = (r: RunRecord, path: string): string => {
    const root = String(r.run.project_root ?? '');
    return root && path.startsWith(root + '/') ? path.slice(root.length + 1) : basename(path);
  };
  const scriptA = String(a.run.script ?? '');
  const scriptB = String(b.run.script ?? '');
  const pairs: [string | null, string | null][] = [[scriptA || null, scriptB || null]];
  const modulesA = new Map(a.sources.filter((s) => s.path !== scriptA && !cellsA.has(s.path)).map((s) => [rel(a, s.path), s.path]));
  const modulesB = new Map(b.sources.filter((s) => s.path !== scriptB && !cellsB.has(s.path)).map((s) => [rel(b, s.path), s.path]));
  for (const key of new Set([...modulesA.keys(), ...modulesB.keys()])) pairs.push([modulesA.get(key) ?? null, modulesB.get(key) ?? null]);
  const shaOf = (r: RunRecord, path: string | null): string | null =>
    path === null ? null : r.sources.find((s) => s.path === path)?.sha256 ?? (path === String(r.run.script) ? String(r.run.script_sha256 ?? '') || null : null);
  const out: RunDiff['code'] = [];
  for (const [pa, pb] of pairs) {
    const sa = shaOf(a, pa);
    const sb = shaOf(b, pb);
    if (pa && pb && sa === sb) {
      out.push({ file_a: pa, file_b: pb, change: 'same', diff: '' });
      continue;
    }
    const diff = unifiedDiff(await loadSourceText(sql, sa), await loadSourceText(sql, sb), pa ?? '/dev/null', pb ?? '/dev/null');
    out.push({ file_a: pa, file_b: pb, change: !pa ? 'only in B' : !pb ? 'only in A' : 'changed', diff });
  }
  return out;
}

/**
 * A parameter's name across runs: `Class.name`, `literal name`, or for a parameter of no estimator its
 * name and where it came from: `alpha (papermill parameters)`, `lr (variable)`.
 */
export function paramKey(p: RunRecord['parameters'][number]): string {
  if (p.source === 'literal') return `literal ${p.name}`;
  return p.estimator ? `${shortClass(p.estimator)}.${p.name}` : `${p.name} (${parameterOwner(p) || 'no estimator'})`;
}

function diffParameters(a: RunRecord, b: RunRecord): { parameters: ValueChange[]; parameters_unchanged: number } {
  const index = (r: RunRecord): Map<string, RunRecord['parameters'][number]> => new Map(r.parameters.map((p) => [paramKey(p), p]));
  const pa = index(a);
  const pb = index(b);
  const changes: ValueChange[] = [];
  let same = 0;
  for (const key of [...new Set([...pa.keys(), ...pb.keys()])].sort()) {
    const x = pa.get(key);
    const y = pb.get(key);
    const tag = (p: RunRecord['parameters'][number] | undefined): string => (p?.is_default ? ' (default)' : '');
    if (x && y && normalizeRepr(x.value) === normalizeRepr(y.value)) same++;
    else changes.push({ key, a: x ? normalizeRepr(x.value) + tag(x) : null, b: y ? normalizeRepr(y.value) + tag(y) : null, change: !x ? 'added' : !y ? 'removed' : 'changed' });
  }
  return { parameters: changes, parameters_unchanged: same };
}

function diffEnvironment(a: RunRecord, b: RunRecord): { environment: ValueChange[]; imported_only: RunDiff['imported_only'] } {
  const facts = (r: RunRecord): Map<string, string> => {
    const m = new Map<string, string>();
    m.set('python', `${r.run.python_implementation ?? ''} ${r.run.python_version ?? ''}`.trim());
    m.set('backend', String(r.run.backend ?? ''));
    m.set('os', String(r.run.os ?? ''));
    m.set('host', String(r.run.hostname ?? ''));
    const dirty = r.environment.git?.git_dirty === null ? ' (dirty: not known yet)' : r.environment.git?.git_dirty ? ' (dirty)' : '';
    if (r.environment.git?.git_commit) m.set('git commit', `${r.environment.git.git_commit}${dirty}`);
    return m;
  };
  const fa = facts(a);
  const fb = facts(b);
  const out: ValueChange[] = [];
  for (const key of [...new Set([...fa.keys(), ...fb.keys()])].sort()) {
    const x = fa.get(key) ?? null;
    const y = fb.get(key) ?? null;
    if (x !== y) out.push({ key, a: x, b: y, change: x === null ? 'added' : y === null ? 'removed' : 'changed' });
  }
  // Distributions: a version change counts; being imported by one run only does not.
  const packages = (r: RunRecord): Map<string, string> => new Map(r.environment.distributions.map((d) => [d.name, d.version]));
  const pa = packages(a);
  const pb = packages(b);
  const imported_only: RunDiff['imported_only'] = { a: [], b: [] };
  for (const name of [...new Set([...pa.keys(), ...pb.keys()])].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase()))) {
    const x = pa.get(name);
    const y = pb.get(name);
    if (x !== undefined && y !== undefined) {
      if (x !== y) out.push({ key: `package ${name}`, a: x, b: y, change: 'changed' });
    } else if (x !== undefined) imported_only.a.push(`${name} ${x}`);
    else imported_only.b.push(`${name} ${y}`);
  }
  return { environment: out, imported_only };
}

/**
 * A run's metrics by name across runs: the variable the value was assigned to (`mse_test`), else the
 * function's short name; `name#2` for a name's second value, and so on.
 */
export function metricsByName(r: RunRecord): Map<string, number | null> {
  const m = new Map<string, number | null>();
  const seen = new Map<string, number>();
  for (const x of r.metrics) {
    const base = x.name || (x.function.split('.').pop() ?? x.function);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    m.set(n === 1 ? base : `${base}#${n}`, x.value);
  }
  return m;
}

function diffMetrics(a: RunRecord, b: RunRecord): RunDiff['metrics'] {
  const ma = metricsByName(a);
  const mb = metricsByName(b);
  return [...new Set([...ma.keys(), ...mb.keys()])].map((metric) => {
    const x = ma.get(metric) ?? null;
    const y = mb.get(metric) ?? null;
    const change = !ma.has(metric) ? 'added' : !mb.has(metric) ? 'removed' : sameNumber(x, y) ? 'same' : 'changed';
    const finite = x !== null && y !== null && Number.isFinite(x) && Number.isFinite(y);
    const delta = change === 'same' && x !== null ? 0 : finite ? y - x : null;
    return { metric, a: x, b: y, delta, change_pct: delta !== null && finite && x ? Math.round((1000 * delta) / Math.abs(x)) / 10 : null, change };
  });
}
