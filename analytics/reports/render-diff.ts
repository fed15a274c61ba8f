/** The readable form of a run diff: what `labtrace diff` prints. */
import { formatTable } from '../../common/format.js';
import { formatNumber, indent } from './render-record.js';
import type { RunDiff } from './run-diff.js';
import type { CellDiff, NotebookDiff } from './notebook-diff.js';

const n = (v: number | null): string => (v === null ? '—' : formatNumber(v));
const plural = (k: number, what: string): string => `${k} ${what}${k === 1 ? '' : 's'}`;
const sha = (v: string | null): string => (v ?? '—').slice(0, 16);

function fileLine(x: RunDiff['data'][number]): string {
  if (x.change === 'content changed') return `${x.path}: content changed (sha256 ${sha(x.sha_a)} → ${sha(x.sha_b)}, ${x.size_a} → ${x.size_b} bytes)`;
  if (x.change === 'same') return `${x.path}: same (sha256 ${sha(x.sha_a)})`;
  return `${x.path}: ${x.change}`;
}

export function renderRunDiff(d: RunDiff): string {
  const out: string[] = [`diff ${d.a} (A) → ${d.b} (B)`];
  if (d.identical) out.push('no changes: same data, code, parameters, environment and metrics');
  const changedData = d.data.filter((x) => x.change !== 'same').length;
  out.push('', `data (${plural(d.data.length, 'file')}, ${changedData === 0 ? 'no changes' : `${changedData} changed`})`);
  if (d.data.length === 0) out.push('  (no files read or written)');
  for (const [role, title] of [['input', 'inputs'], ['output', 'outputs'], ['input and output', 'read, then written']] as const) {
    const files = d.data.filter((x) => x.role === role);
    if (files.length === 0) continue;
    out.push(`  ${title}`, ...files.map((x) => `    ${fileLine(x)}`));
  }
  if (d.notebook) out.push('', ...renderNotebookDiff(d.notebook));
  out.push('', 'code');
  for (const c of d.code) {
    if (c.change === 'same') out.push(`  ${c.file_a}${c.file_a !== c.file_b ? ` / ${c.file_b}` : ''}: same content`);
    else out.push(`  ${c.file_a ?? '(none)'} → ${c.file_b ?? '(none)'}: ${c.change}`, ...c.diff.trimEnd().split('\n').map((l) => `    ${l}`));
  }
  out.push('', `parameters (${d.parameters_unchanged} unchanged)`);
  if (d.parameters.length === 0) out.push('  no changes');
  else out.push(indent(formatTable(['parameter', 'A', 'B', 'change'], d.parameters.map((p) => [p.key, p.a ?? '—', p.b ?? '—', p.change])).trimEnd()));
  out.push('', 'environment');
  if (d.environment.length === 0) out.push('  no changes');
  else out.push(indent(formatTable(['what', 'A', 'B'], d.environment.map((e) => [e.key, e.a ?? '—', e.b ?? '—'])).trimEnd()));
  // Not differences: a package one run did not import says nothing about its environment.
  if (d.imported_only.a.length) out.push(`  imported only in A (not a change): ${d.imported_only.a.join(', ')}`);
  if (d.imported_only.b.length) out.push(`  imported only in B (not a change): ${d.imported_only.b.join(', ')}`);
  const same = d.metrics.filter((m) => m.change === 'same').length;
  out.push('', `metrics${d.metrics.length ? ` (${same} unchanged)` : ''}`);
  if (d.metrics.length === 0) out.push('  none captured');
  else out.push(indent(formatTable(['metric', 'A', 'B', 'delta', 'change'], d.metrics.map((m) => [m.metric, n(m.a), n(m.b), m.change === 'same' ? '' : n(m.delta),
    m.change !== 'changed' ? m.change : m.change_pct === null ? 'changed' : `${m.change_pct > 0 ? '+' : ''}${m.change_pct}%`])).trimEnd()));
  if (d.time.length > 1) {
    const sec = (v: number | null): string => (v === null ? '—' : v.toFixed(3));
    out.push('', 'time (seconds; not a change: no two runs take the same time)');
    out.push(indent(formatTable(['phase', 'A', 'B', 'delta'], d.time.map((t) => [t.phase, sec(t.a_s), sec(t.b_s),
      t.delta_s === null ? '' : `${t.delta_s > 0 ? '+' : ''}${t.delta_s.toFixed(3)}`])).trimEnd()));
  }
  return out.join('\n') + '\n';
}

const runs = (c: CellDiff, side: 'a' | 'b'): string => {
  const [k, o] = side === 'a' ? [c.executions_a, c.outcomes_a] : [c.executions_b, c.outcomes_b];
  return `${k}× in ${side.toUpperCase()} (${o})`;
};

/** The cells of two notebook sessions: unchanged ones on one line, then each cell that differs. */
export function renderNotebookDiff(nb: NotebookDiff): string[] {
  const out = [nb.paths_differ ? `notebook\n  A ${nb.path_a ?? '(not known)'}\n  B ${nb.path_b ?? '(not known)'}` : `notebook ${nb.path_a ?? '(path not known)'}`];
  const count = (change: CellDiff['change']): number => nb.cells.filter((c) => c.change === change).length;
  const parts = (['unchanged', 'changed', 'parameters', 'only in A', 'only in B'] as const).filter((k) => count(k) > 0).map((k) => `${count(k)} ${k === 'parameters' ? 'papermill parameters' : k}`);
  out.push(`cells (${plural(nb.cells.length, 'cell')}${parts.length ? `: ${parts.join(', ')}` : ''})`);
  if (nb.cells.length === 0) out.push('  (no cell executed)');
  const quiet = nb.cells.filter((c) => c.change === 'unchanged' && !c.ran_differently);
  if (quiet.length) out.push(`  unchanged: ${quiet.map((c) => c.cell).join(', ')}`);
  for (const c of nb.cells) {
    if (c.change === 'unchanged' && !c.ran_differently) continue;
    const ran = c.ran_differently ? `ran ${runs(c, 'a')}, ${runs(c, 'b')}` : '';
    if (c.change === 'unchanged') out.push(`  ${c.cell}: same code, ${ran}`);
    else if (c.change === 'parameters') out.push(`  ${c.cell}: papermill parameters changed (see parameters)${ran ? `; ${ran}` : ''}`);
    else if (c.change === 'changed') out.push(`  ${c.cell}: changed${ran ? `; ${ran}` : ''}`, ...c.diff.trimEnd().split('\n').map((l) => `    ${l}`));
    else out.push(`  ${c.cell}: ${c.change}, ran ${runs(c, c.change === 'only in A' ? 'a' : 'b')}: ${c.first_line}`);
  }
  return out;
}
