/** The environment of a run: host, packages, environment variables (as recorded, redactions kept), code files. */
import type { RunRecord } from '../run-record.js';
import { html, text, type Html } from './escape.js';
import { bytesText } from './data.js';
import { gitText } from './header.js';
import { section, table } from './page.js';

export function environmentSection(record: RunRecord): Html {
  const r = record.run;
  const env = record.environment;
  const git = gitText(env.git);
  const facts = html`<dl class="facts">
<dt>host</dt><dd>${r.hostname}, ${r.os}, ${r.cpu_model} × ${r.cpu_count}, ${bytesText(r.memory_bytes)} RAM${env.git?.gpu ? `, GPU ${text(env.git.gpu)}` : ', no GPU visible'}</dd>
<dt>python</dt><dd>${r.python_implementation} ${r.python_version} <code>${r.executable}</code></dd>
${git ? html`<dt>git</dt><dd><code>${git}</code>${env.git?.git_root ? html` in <code>${env.git.git_root}</code>` : ''}</dd>` : ''}
<dt>working directory</dt><dd><code>${r.cwd}</code></dd>
</dl>`;
  const packages = env.distributions.length === 0 ? html``
    : html`<h3>Packages (${env.distributions.length})</h3>${table(['package', 'version'], env.distributions.map((d) => html`<tr><td>${d.name}</td><td><code>${d.version}</code></td></tr>`))}`;
  const variables = env.variables.length === 0 ? html``
    : html`<h3>Environment variables</h3>${table(['name', 'value'], env.variables.map((v) => html`<tr><td><code>${v.name}</code></td><td>${v.redacted ? html`<span class="muted">(redacted)</span>` : html`<code>${v.value}</code>`}</td></tr>`))}`;
  const code = record.sources.length === 0 ? html``
    : html`<h3>Code</h3>${table(['file', 'sha256'], record.sources.map((s) => html`<tr><td><code>${s.path}</code></td><td><code title="${s.sha256}">${s.sha256.slice(0, 16)}</code></td></tr>`))}`;
  return section('environment', 'Environment', [facts, packages, variables, code]);
}
