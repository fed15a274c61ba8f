/** A run's header: what ran, how it ended, how long, on which Python, host and commit. */
import { isoTime } from '../../../common/format.js';
import type { RunRecord } from '../run-record.js';
import { html, slug, text, type Html } from './escape.js';
import { section } from './page.js';

/** The script (or notebook) a run shows as its name. */
export function runName(run: RunRecord['run']): string {
  if (run.kind === 'notebook') return text(run.notebook_path) || `notebook kernel ${text(run.kernel_connection_file)}`.trim();
  return text(run.script) || '(-c / interactive)';
}

export function statusHtml(run: RunRecord['run']): Html {
  const exit = run.exit_code === null || run.exit_code === undefined ? '' : `exit ${text(run.exit_code)}`;
  const exception = run.exception_type ? `${text(run.exception_type)}: ${text(run.exception_message)}` : '';
  const detail = [exit, exception].filter(Boolean).join(', ');
  return html`<span class="status-${slug(run.status)}">${text(run.status) || 'unknown'}</span>${detail ? html` <span class="muted">(${detail})</span>` : ''}`;
}

export function durationText(run: RunRecord['run']): string {
  if (run.duration_s === null || run.duration_s === undefined) return run.status === 'running' ? 'still running' : 'unknown';
  return `${Number(run.duration_s).toFixed(3)} s`;
}

export function gitText(git: RunRecord['environment']['git']): string {
  if (!git?.git_commit) return '';
  const dirty = git.git_dirty === null ? ' (dirty: not known yet)' : git.git_dirty ? ' (dirty)' : '';
  return `${text(git.git_commit).slice(0, 12)}${dirty}${git.git_branch ? ` on ${text(git.git_branch)}` : ''}`;
}

function fact(name: string, value: Html | string): Html {
  return html`<dt>${name}</dt><dd>${value}</dd>`;
}

export function headerSection(record: RunRecord): Html {
  const r = record.run;
  const args = Array.isArray(r.argv) && r.argv.length > 1 ? (r.argv as unknown[]).slice(1).map(text).join(' ') : '';
  const git = gitText(record.environment.git);
  return section('run', 'Run', html`<dl class="facts">
${fact('run', html`<code>${r.run_id}</code>`)}
${fact(r.kind === 'notebook' ? 'notebook' : 'script', html`<code>${runName(r)}</code>${args ? html` <span class="muted">args: <code>${args}</code></span>` : ''}`)}
${fact('status', statusHtml(r))}
${fact('started', isoTime(r.started_at))}
${fact('duration', durationText(r))}
${fact('python', `${text(r.python_implementation)} ${text(r.python_version)} (${text(r.executable)}), backend ${text(r.backend)}`)}
${fact('host', `${text(r.hostname)}, ${text(r.os)}`)}
${git ? fact('git', html`<code>${git}</code>`) : ''}
${r.parent_run_id ? fact('parent run', html`<code>${r.parent_run_id}</code>`) : ''}
${record.analysis.status && record.analysis.status !== 'ok' ? fact('analysis', `${text(record.analysis.status)}${record.analysis.message ? `: ${text(record.analysis.message)}` : ''}`) : ''}
</dl>`);
}
