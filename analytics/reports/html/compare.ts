/**
 * Several runs side by side, like MLflow's compare view: their facts, parameters and metrics in one
 * table each (a column per run; a row whose values differ is highlighted), and a bar chart of a chosen
 * metric across the runs.
 */
import { basename } from 'node:path';
import { isoTime } from '../../../common/format.js';
import type { RunRecord } from '../run-record.js';
import { metricsByName, paramKey } from '../run-diff.js';
import { formatNumber } from '../render-record.js';
import { html, text, type Html } from './escape.js';
import { durationText, gitText, runName } from './header.js';
import { empty, section, table } from './page.js';

type Cell = { text: string; tag?: Html };

export function shortId(record: RunRecord): string {
  return text(record.run.run_id).slice(0, 12);
}

function runHeads(records: readonly RunRecord[]): string[] {
  return ['', ...records.map((r) => `${shortId(r)} ${basename(runName(r.run))}`)];
}

/** A row per key, a cell per run; `differs` when the runs' values are not all the same (missing counts as a value). */
function compareRows(keys: readonly string[], cell: (record: RunRecord, key: string) => Cell | undefined, records: readonly RunRecord[]): Html[] {
  return keys.map((key) => {
    const cells = records.map((r) => cell(r, key));
    const differs = new Set(cells.map((c) => (c === undefined ? '\u0000missing' : c.text))).size > 1;
    return html`<tr class="${differs ? 'differs' : 'same'}" data-key="${key}"><th>${key}</th>${cells.map((c) => html`<td class="${differs ? 'differs' : ''}">${c === undefined ? html`<span class="muted">—</span>` : html`<code>${c.text}</code>${c.tag ?? ''}`}</td>`)}</tr>`;
  });
}

function factsTable(records: readonly RunRecord[]): Html {
  const facts: Record<string, (r: RunRecord) => string> = {
    'run id': (r) => text(r.run.run_id),
    script: (r) => runName(r.run),
    status: (r) => `${text(r.run.status)}${r.run.exit_code === null || r.run.exit_code === undefined ? '' : ` (exit ${text(r.run.exit_code)})`}`,
    started: (r) => isoTime(r.run.started_at),
    duration: (r) => durationText(r.run),
    python: (r) => `${text(r.run.python_implementation)} ${text(r.run.python_version)}`,
    host: (r) => text(r.run.hostname),
    git: (r) => gitText(r.environment.git),
  };
  const rows = compareRows(Object.keys(facts), (r, key) => ({ text: facts[key]!(r) }), records);
  return table(runHeads(records), rows, 'compare');
}

function parametersTable(records: readonly RunRecord[]): Html {
  const index = records.map((r) => new Map(r.parameters.map((p) => [paramKey(p), p])));
  const keys = [...new Set(index.flatMap((m) => [...m.keys()]))].sort();
  if (keys.length === 0) return empty('No parameters captured in these runs.');
  const rows = compareRows(keys, (r, key) => {
    const p = index[records.indexOf(r)]!.get(key);
    return p && { text: p.value, tag: p.is_default ? html` <span class="badge default">default</span>` : undefined };
  }, records);
  return table(runHeads(records), rows, 'compare');
}

function metricValues(records: readonly RunRecord[]): { keys: string[]; values: Map<string, number | null>[] } {
  const values = records.map(metricsByName);
  return { keys: [...new Set(values.flatMap((m) => [...m.keys()]))], values };
}

function metricsTable(records: readonly RunRecord[]): Html {
  const { keys, values } = metricValues(records);
  if (keys.length === 0) return empty('No metrics captured in these runs.');
  const rows = compareRows(keys, (r, key) => {
    const m = values[records.indexOf(r)]!;
    if (!m.has(key)) return undefined;
    const v = m.get(key);
    return { text: v === null || v === undefined ? 'not a number' : formatNumber(Number(v)) };
  }, records);
  return table(runHeads(records), rows, 'compare');
}

const CHART_W = 640;
const BAR_H = 22;
const LABEL_W = 200;

function metricChart(records: readonly RunRecord[], name: string, values: readonly (number | null | undefined)[]): Html {
  const numbers = values.map((v) => (v === null || v === undefined || !Number.isFinite(Number(v)) ? null : Number(v)));
  const max = Math.max(0, ...numbers.map((v) => v ?? 0));
  const min = Math.min(0, ...numbers.map((v) => v ?? 0));
  const span = max - min || 1;
  const plot = CHART_W - LABEL_W - 90;
  const zero = LABEL_W + ((0 - min) / span) * plot;
  const height = records.length * BAR_H + 10;
  return html`<figure data-metric-chart="${name}" class="metric-chart" hidden><svg xmlns="http://www.w3.org/2000/svg" width="${CHART_W}" height="${height}" viewBox="0 0 ${CHART_W} ${height}" role="img" aria-label="${name} across runs">
${records.map((r, i) => {
  const v = numbers[i];
  const y = i * BAR_H + 4;
  const label = html`<text x="${LABEL_W - 6}" y="${y + 14}" text-anchor="end">${shortId(r)} ${basename(runName(r.run))}</text>`;
  if (v === null || v === undefined) return html`${label}<text x="${zero + 4}" y="${y + 14}" class="muted">no value</text>`;
  const x = v >= 0 ? zero : zero - ((0 - v) / span) * plot;
  const w = Math.max(1, (Math.abs(v) / span) * plot);
  return html`${label}<rect class="metric-bar" x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H - 6}" fill="#0969da"><title>${name} = ${formatNumber(v)}</title></rect><text x="${(x + w + 4).toFixed(1)}" y="${y + 14}">${formatNumber(v)}</text>`;
})}
<line x1="${zero.toFixed(1)}" x2="${zero.toFixed(1)}" y1="0" y2="${height}" stroke="#8c959f"></line>
</svg><figcaption class="muted">${name} per run</figcaption></figure>`;
}

function chartSection(records: readonly RunRecord[]): Html {
  const { keys, values } = metricValues(records);
  const charted = keys.filter((k) => values.some((m) => typeof m.get(k) === 'number'));
  if (charted.length === 0) return section('metric-chart', 'Metric across runs', empty('No numeric metric to chart.'));
  return section('metric-chart', 'Metric across runs', [
    html`<label class="chart-pick">metric <select id="metric-pick">${charted.map((k) => html`<option value="${k}">${k}</option>`)}</select></label>`,
    ...charted.map((k) => metricChart(records, k, values.map((m) => m.get(k)))),
  ]);
}

export function compareSections(records: readonly RunRecord[]): Html[] {
  const differing = (h: Html): number => (h.text.match(/<tr class="differs"/g) ?? []).length;
  const params = parametersTable(records);
  const metrics = metricsTable(records);
  return [
    section('runs', `Runs (${records.length})`, [html`<label><input type="checkbox" id="only-diff"> only rows that differ</label>`, factsTable(records)]),
    section('parameters', 'Parameters', [html`<p class="muted">${differing(params)} differ between the runs (highlighted).</p>`, params]),
    section('metrics', 'Metrics', [html`<p class="muted">${differing(metrics)} differ between the runs (highlighted).</p>`, metrics]),
    chartSection(records),
  ];
}
