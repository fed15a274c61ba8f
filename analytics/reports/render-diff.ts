/** The readable form of a run diff: what `labtrace diff` prints. */
import { formatTable } from '../../common/format.js';
import { formatNumber, indent } from './render-record.js';
import type { RunDiff } from './run-diff.js';

const n = (v: number | null): string => (v === null ? '—' : formatNumber(v));

export function renderRunDiff(d: RunDiff): string {
  const out: string[] = [`diff ${d.a} (A) → ${d.b} (B)`, '', 'data'];
  const changedData = d.data.filter((x) => x.change !== 'same');
  if (changedData.length === 0) out.push(`  same inputs and outputs (${d.data.length} file${d.data.length === 1 ? '' : 's'})`);
  for (const x of changedData) {
    out.push(`  ${x.path}: ${x.change}${x.change === 'content changed' ? ` (sha256 ${x.sha_a?.slice(0, 12)} → ${x.sha_b?.slice(0, 12)}, ${x.size_a} → ${x.size_b} bytes)` : ''}`);
  }
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
  out.push('', 'metrics');
  if (d.metrics.length === 0) out.push('  none captured');
  else out.push(indent(formatTable(['metric', 'A', 'B', 'delta', 'change'], d.metrics.map((m) => [m.metric, n(m.a), n(m.b), n(m.delta), m.change_pct === null ? '' : `${m.change_pct > 0 ? '+' : ''}${m.change_pct}%`])).trimEnd()));
  return out.join('\n') + '\n';
}
