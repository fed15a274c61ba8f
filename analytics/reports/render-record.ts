/** The readable form of a run record: what `labtrace show` prints. */
import { formatTable, isoTime, oneLine } from '../../common/format.js';
import type { RunRecord } from './run-record.js';
import { renderCellExecutions } from './cell-executions.js';
import { renderTrials } from './trials.js';

const s = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const bytes = (n: unknown): string => {
  const v = Number(n ?? 0);
  if (v >= 1e9) return `${(v / 1e9).toFixed(2)} GB`;
  if (v >= 1e6) return `${(v / 1e6).toFixed(1)} MB`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)} kB`;
  return `${v} B`;
};
/** Two-space margin for a block (blank lines stay blank). */
export const indent = (text: string): string => text.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');
const bar = (pct: number): string => '█'.repeat(Math.max(0, Math.round(pct / 4)));

/** Widest value `show` prints in a table cell (`show --json` has them whole). */
export const VALUE_WIDTH = 60;

export function renderRunRecord(record: RunRecord): string {
  const r = record.run;
  const out: string[] = [];
  const exit = r.exit_code === null || r.exit_code === undefined ? '' : `exit ${s(r.exit_code)}`;
  const status = r.status === 'failed' ? `failed (${[exit, r.exception_type ? `${s(r.exception_type)}: ${s(r.exception_message)}` : ''].filter(Boolean).join(', ')})`.replace(' ()', '')
    : exit ? `${s(r.status)} (${exit})` : s(r.status);
  out.push(`run ${s(r.run_id)}`);
  if (r.kind === 'notebook') out.push(`  notebook   ${s(r.notebook_path) || `(not named by the front end; kernel ${s(r.kernel_connection_file)})`}`);
  else out.push(`  script     ${s(r.script) || '(-c / interactive)'}${Array.isArray(r.argv) && r.argv.length > 1 ? `   args: ${(r.argv as string[]).slice(1).join(' ')}` : ''}`);
  out.push(`  status     ${status}`);
  const duration = r.duration_s === null || r.duration_s === undefined ? (r.status === 'running' ? 'still running' : 'duration unknown') : `duration ${s(r.duration_s)} s`;
  out.push(`  started    ${isoTime(r.started_at)}   ${duration}`);
  out.push(`  python     ${s(r.python_implementation)} ${s(r.python_version)} (${s(r.executable)}), backend ${s(r.backend)}: ${s(r.backend_reason)}`);
  if (r.parent_run_id) out.push(`  parent     ${s(r.parent_run_id)}`);

  if (r.kind === 'notebook') {
    out.push('', `cell executions (in the order they ran)`);
    out.push(record.cells.length === 0 ? '  (none yet)' : indent(renderCellExecutions(record.cells, r.status)));
  }

  out.push('', 'phases');
  if (record.phases.length === 0) out.push(`  (no phase analysis${record.analysis.message ? `: ${record.analysis.message}` : ''})`);
  else out.push(indent(formatTable(['phase', 'seconds', 'share', ''], record.phases.map((p) => [p.phase, Number(p.wall_s).toFixed(3), `${Number(p.share_pct).toFixed(1)}%`, bar(Number(p.share_pct))]))).trimEnd());
  const order = phaseOrder(record.timeline);
  if (order.length > 1) out.push(`  order: ${order.join(' → ')}`);
  if (record.slowest_statements.length > 0) {
    out.push('', 'slowest statements');
    out.push(indent(formatTable(['line', 'phase', 'seconds', 'runs'], record.slowest_statements.slice(0, 5).map((t) => [
      t.start_line === t.end_line ? `${t.start_line}` : `${t.start_line}-${t.end_line}`, t.phase, Number(t.seconds).toFixed(3), s(t.executions)]))).trimEnd());
  }

  out.push('', 'data');
  if (record.data.length === 0) out.push('  (no files read or written)');
  else out.push(indent(formatTable(['path', 'mode', 'size', 'sha256', 'line'], record.data.map((d) => [d.path, d.write ? `write (${d.mode})${d.inferred ? ', inferred' : ''}` : `${d.mode}${d.inferred ? ' (inferred)' : ''}`, bytes(d.size), (d.sha256 ?? '').slice(0, 16) + (d.hash_method && d.hash_method !== 'full' ? ` (${d.hash_method})` : ''), s(d.line)]))).trimEnd());
  for (const d of record.datasets) out.push(`  ${d.name} (line ${d.line}): ${d.type} ${s(d.shape)}${d.columns.length ? ` columns ${d.columns.slice(0, 12).join(', ')}${d.columns.length > 12 ? ', …' : ''}` : ''}`);

  out.push('', 'parameters');
  if (record.parameters.length === 0) out.push('  (none captured)');
  else out.push(indent(formatTable(['estimator', 'name', 'value', '', 'line'], record.parameters.map((p) => [
    parameterOwner(p), p.name, oneLine(p.value, VALUE_WIDTH), p.is_default ? 'default' : p.source === 'literal' ? 'literal' : 'set', s(p.line)]))).trimEnd());

  out.push('', 'metrics');
  if (record.metrics.length === 0) out.push('  (none captured)');
  else out.push(indent(formatTable(['metric', 'value', 'line'], record.metrics.map((m) => [m.name || shortFunction(m.function), m.value !== null ? formatNumber(m.value) : oneLine(s(m.repr), VALUE_WIDTH), s(m.line)]))).trimEnd());

  if (record.trials && record.trials.length > 0) {
    out.push('', 'trials');
    out.push(...renderTrials(record.trials));
  }

  const env = record.environment;
  out.push('', 'environment');
  out.push(`  host       ${s(r.hostname)}, ${s(r.os)}, ${s(r.cpu_model)} × ${s(r.cpu_count)}, ${bytes(r.memory_bytes)} RAM${env.git?.gpu ? `, GPU ${s(env.git.gpu)}` : ', no GPU visible'}`);
  // git_dirty is null while the git status of a run that ended first is still running (daemon/runs/git-status.ts)
  const dirty = env.git?.git_dirty === null ? ' (dirty: not known yet)' : env.git?.git_dirty ? ' (dirty)' : '';
  if (env.git?.git_commit) out.push(`  git        ${s(env.git.git_commit).slice(0, 12)}${dirty} on ${s(env.git.git_branch)}`);
  if (env.distributions.length) out.push(`  packages   ${env.distributions.map((d) => `${d.name} ${d.version}`).join(', ')}`);
  if (record.sources.length) out.push(`  code       ${record.sources.map((c) => `${c.path} (${c.sha256.slice(0, 12)})`).join(', ')}`);

  const o = record.overhead;
  out.push('', 'tracing cost');
  out.push(`  agent CPU ${s(o.agent_cpu_ms)} ms (${s(o.agent_cpu_share_pct)}% of the run), events ${s(o.events_recorded)} recorded / ${s(o.events_ingested)} stored / ${s(o.events_dropped)} dropped, ${s(o.frames)} frames (${s(o.frames_from_spool)} via spool)`);
  if (o.record_ms != null) {
    // The agent's budget (record/variables.py): past it, what a value's summary drops and file scans skipped.
    const reduced = Number(o.record_reduced ?? 0) > 0
      ? `, CPU budget spent: ${s(o.record_reduced)} values recorded by type and size only (no fingerprint, value, dtype or columns) or statements' file scans skipped`
      : ', within its budget';
    out.push(`  record    ${s(o.record_ms)} ms of it at statement ends (variable summaries, file scans)${reduced}`);
  }
  if (o.max_rss_bytes) out.push(`  process   peak RSS ${bytes(o.max_rss_bytes)}, average CPU ${s(o.avg_cpu_percent)}%`);
  return out.join('\n') + '\n';
}

/** Who a parameter belongs to: its estimator's class, else where it came from (`literal`, `variable`, `papermill parameters`). */
export function parameterOwner(p: RunRecord['parameters'][number]): string {
  if (p.estimator) return shortClass(p.estimator);
  return p.source === 'papermill' ? 'papermill parameters' : p.source === 'literal' || p.source === 'variable' ? p.source : '';
}

export function shortClass(name: string): string {
  const parts = name.split('.');
  return parts[parts.length - 1] ?? name;
}

function shortFunction(name: string): string {
  return name.replace(/^sklearn\.metrics\.(_\w+\.)?/, '').replace(/^.*\.(\w+\.\w+)$/, '$1');
}

export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(2) : v.toPrecision(6);
}

/**
 * The phases in the order they ran, stretches under a millisecond left out (the glue between the
 * calls of a `main()`, a caption printed between two cells of work) and repeats merged: what a reader
 * of `show` wants from the line; phase_intervals has every stretch.
 */
export function phaseOrder(timeline: readonly { phase: string; start_s: number | string; end_s: number | string }[]): string[] {
  const order: string[] = [];
  for (const t of timeline) {
    if (Number(t.end_s) - Number(t.start_s) < 0.0005) continue; // (rounded to the ms: 0 here)
    if (order[order.length - 1] !== t.phase) order.push(t.phase);
  }
  return order;
}
