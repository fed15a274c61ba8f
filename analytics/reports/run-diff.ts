/** What changed between two runs: data, code, parameters, environment, and their metrics side by side. */
import { basename } from 'node:path';
import type { RunRecord } from './run-record.js';
import { rows, type SqlRunner } from '../../common/sql-source.js';
import { unifiedDiff } from './unified-diff.js';
import { shortClass } from './render-record.js';

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
  data: { path: string; change: 'content changed' | 'only in A' | 'only in B' | 'same'; sha_a: string | null; sha_b: string | null; size_a: number | null; size_b: number | null }[];
  code: { file_a: string | null; file_b: string | null; change: 'changed' | 'same' | 'only in A' | 'only in B'; diff: string }[];
  parameters: ValueChange[];
  parameters_unchanged: number;
  environment: ValueChange[];
  metrics: { metric: string; a: number | null; b: number | null; delta: number | null; change_pct: number | null }[];
}

export async function diffRuns(sql: SqlRunner, a: RunRecord, b: RunRecord): Promise<RunDiff> {
  return {
    a: String(a.run.run_id),
    b: String(b.run.run_id),
    data: diffData(a, b),
    code: await diffCode(sql, a, b),
    ...diffParameters(a, b),
    environment: diffEnvironment(a, b),
    metrics: diffMetrics(a, b),
  };
}

function diffData(a: RunRecord, b: RunRecord): RunDiff['data'] {
  const paths = [...new Set([...a.data.map((d) => d.path), ...b.data.map((d) => d.path)])];
  return paths.map((path) => {
    const da = a.data.find((d) => d.path === path);
    const db = b.data.find((d) => d.path === path);
    const change = !da ? 'only in B' : !db ? 'only in A' : da.sha256 !== db.sha256 ? 'content changed' : 'same';
    return { path, change, sha_a: da?.sha256 ?? null, sha_b: db?.sha256 ?? null, size_a: da?.size ?? null, size_b: db?.size ?? null };
  });
}

async function sourceText(sql: SqlRunner, sha: string | null): Promise<string> {
  if (!sha) return '';
  const [blob] = await rows<{ content: string | null }>(sql, `SELECT content FROM source_blobs WHERE sha256 = $1`, [sha]);
  return blob?.content ? Buffer.from(blob.content, 'base64').toString('utf8') : '';
}

/** Scripts are compared with each other whatever their names; other modules by path relative to their project. */
async function diffCode(sql: SqlRunner, a: RunRecord, b: RunRecord): Promise<RunDiff['code']> {
  const rel = (r: RunRecord, path: string): string => {
    const root = String(r.run.project_root ?? '');
    return root && path.startsWith(root + '/') ? path.slice(root.length + 1) : basename(path);
  };
  const scriptA = String(a.run.script ?? '');
  const scriptB = String(b.run.script ?? '');
  const pairs: [string | null, string | null][] = [[scriptA || null, scriptB || null]];
  const modulesA = new Map(a.sources.filter((s) => s.path !== scriptA).map((s) => [rel(a, s.path), s.path]));
  const modulesB = new Map(b.sources.filter((s) => s.path !== scriptB).map((s) => [rel(b, s.path), s.path]));
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
    const diff = unifiedDiff(await sourceText(sql, sa), await sourceText(sql, sb), pa ?? '/dev/null', pb ?? '/dev/null');
    out.push({ file_a: pa, file_b: pb, change: !pa ? 'only in B' : !pb ? 'only in A' : 'changed', diff });
  }
  return out;
}

/** A parameter's name across runs: `Class.name`, or `literal name`. */
export function paramKey(p: RunRecord['parameters'][number]): string {
  return p.source === 'literal' ? `literal ${p.name}` : `${shortClass(p.estimator ?? '?')}.${p.name}`;
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
    if (x && y && x.value === y.value) same++;
    else changes.push({ key, a: x ? x.value + tag(x) : null, b: y ? y.value + tag(y) : null, change: !x ? 'added' : !y ? 'removed' : 'changed' });
  }
  return { parameters: changes, parameters_unchanged: same };
}

function diffEnvironment(a: RunRecord, b: RunRecord): ValueChange[] {
  const facts = (r: RunRecord): Map<string, string> => {
    const m = new Map<string, string>();
    m.set('python', `${r.run.python_implementation ?? ''} ${r.run.python_version ?? ''}`.trim());
    m.set('backend', String(r.run.backend ?? ''));
    m.set('os', String(r.run.os ?? ''));
    m.set('host', String(r.run.hostname ?? ''));
    const dirty = r.environment.git?.git_dirty === null ? ' (dirty: not known yet)' : r.environment.git?.git_dirty ? ' (dirty)' : '';
    if (r.environment.git?.git_commit) m.set('git commit', `${r.environment.git.git_commit}${dirty}`);
    for (const d of r.environment.distributions) m.set(`package ${d.name}`, d.version);
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
  return out;
}

/** A run's metrics by name across runs: the function's short name, `name#2` for its second value, and so on. */
export function metricsByName(r: RunRecord): Map<string, number | null> {
  const m = new Map<string, number | null>();
  const seen = new Map<string, number>();
  for (const x of r.metrics) {
    const base = x.function.split('.').pop() ?? x.function;
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
    const delta = x !== null && y !== null ? y - x : null;
    return { metric, a: x, b: y, delta, change_pct: delta !== null && x ? Math.round((1000 * delta) / Math.abs(x)) / 10 : null };
  });
}
