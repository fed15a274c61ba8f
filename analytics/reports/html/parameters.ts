/** Parameters (defaults marked), the models they belong to, and the metrics of a run. */
import type { RunRecord } from '../run-record.js';
import { formatNumber, parameterOwner, shortClass } from '../render-record.js';
import { html, text, type Html } from './escape.js';
import { empty, section, table } from './page.js';

type Parameter = RunRecord['parameters'][number];

export { parameterOwner };

function how(p: Parameter): Html {
  if (p.is_default) return html`<span class="badge default" title="the estimator's default, not set by the program">default</span>`;
  return html`<span class="badge">${p.source === 'literal' || p.source === 'variable' ? p.source : 'set'}</span>`;
}

export function parametersSection(record: RunRecord): Html {
  const ps = record.parameters;
  if (ps.length === 0) return section('parameters', 'Parameters', empty('No parameters captured.'));
  const defaults = ps.filter((p) => p.is_default).length;
  return section('parameters', 'Parameters', [
    html`<p class="muted">${ps.length} parameters, ${defaults} of them left at their default (marked <span class="badge default">default</span>).</p>`,
    table(['model', 'name', 'value', '', 'line'], ps.map((p) => html`<tr class="${p.is_default ? 'is-default' : ''}" data-param="${p.name}"><td>${parameterOwner(p)}</td><td><code>${p.name}</code></td><td><code>${p.value}</code></td><td>${how(p)}</td><td class="num">${p.line}</td></tr>`)),
  ]);
}

/** Models: each estimator class the run configured, with how many of its parameters were set. */
export function modelsSection(record: RunRecord): Html {
  const models = new Map<string, { full: string; set: number; defaults: number; line: number }>();
  for (const p of record.parameters) {
    if (!p.estimator || p.source === 'literal') continue; // the literal copy of a constructor argument is counted once, as set
    const m = models.get(p.estimator) ?? { full: p.estimator, set: 0, defaults: 0, line: p.line };
    if (p.is_default) m.defaults++;
    else m.set++;
    m.line = Math.min(m.line, p.line);
    models.set(p.estimator, m);
  }
  if (models.size === 0) return section('models', 'Models', empty('No model configured.'));
  return section('models', 'Models', table(['model', 'class', 'parameters set', 'defaults', 'line'], [...models.values()].map((m) =>
    html`<tr><td>${shortClass(m.full)}</td><td><code>${m.full}</code></td><td class="num">${m.set}</td><td class="num">${m.defaults}</td><td class="num">${m.line}</td></tr>`)));
}

export function metricText(m: RunRecord['metrics'][number]): string {
  return m.value !== null && m.value !== undefined ? formatNumber(Number(m.value)) : text(m.repr);
}

export function metricsSection(record: RunRecord): Html {
  if (record.metrics.length === 0) return section('metrics', 'Metrics', empty('No metrics captured.'));
  return section('metrics', 'Metrics', table(['metric', 'value', 'source', 'line'], record.metrics.map((m) =>
    html`<tr data-metric="${m.function}"><td><code>${m.function}</code></td><td class="num">${metricText(m)}</td><td>${m.source}</td><td class="num">${m.line}</td></tr>`)));
}
