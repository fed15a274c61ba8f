/** Data a run read and wrote, with content hashes, and the data sets it held in memory. */
import type { RunRecord } from '../run-record.js';
import { html, text, type Html } from './escape.js';
import { empty, section, table } from './page.js';

export function bytesText(n: unknown): string {
  const v = Number(n ?? 0);
  if (v >= 1e9) return `${(v / 1e9).toFixed(2)} GB`;
  if (v >= 1e6) return `${(v / 1e6).toFixed(1)} MB`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)} kB`;
  return `${v} B`;
}

function hash(d: RunRecord['data'][number]): Html {
  if (!d.sha256) return html`<span class="muted">not hashed</span>`;
  return html`<code title="${d.sha256}">${d.sha256.slice(0, 16)}</code>${d.hash_method && d.hash_method !== 'full' ? html` <span class="badge">${d.hash_method}</span>` : ''}`;
}

export function dataSection(record: RunRecord): Html {
  const files = record.data.length === 0 ? empty('No files read or written.')
    : table(['path', 'access', 'size', 'sha256', 'line'], record.data.map((d) => html`<tr><td><code>${d.path}</code></td><td>${d.write ? `write (${text(d.mode)})` : `read (${text(d.mode)})`}</td><td class="num">${bytesText(d.size)}</td><td>${hash(d)}</td><td class="num">${d.line}</td></tr>`));
  const sets = record.datasets.length === 0 ? html``
    : html`<h3>Data sets in memory</h3>${table(['variable', 'type', 'shape', 'columns', 'fingerprint', 'line'], record.datasets.map((d) => html`<tr><td><code>${d.name}</code></td><td>${d.type}</td><td>${d.shape}</td><td>${(d.columns ?? []).slice(0, 20).join(', ')}${(d.columns ?? []).length > 20 ? ', …' : ''}</td><td><code>${text(d.fingerprint).slice(0, 16)}</code></td><td class="num">${d.line}</td></tr>`))}`;
  return section('data', 'Data', [files, sets]);
}
