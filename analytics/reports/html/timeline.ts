/**
 * Where the time went: the phase timeline (one lane per phase, a bar per interval, over the run's
 * time), the phase table with each share, and the slowest statements.
 */
import type { RunRecord } from '../run-record.js';
import { html, slug, text, type Html } from './escape.js';
import { empty, section, table } from './page.js';
import { phaseColor } from './phase-colors.js';

const WIDTH = 900;
const LABEL = 150;
const LANE = 20;

/** A tick step of 1, 2 or 5 × 10^k giving about `count` ticks over `span`. */
export function tickStep(span: number, count = 8): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = [1, 2, 5, 10].find((m) => m * power >= raw)!;
  return unit * power;
}

export function timelineSvg(timeline: RunRecord['timeline']): Html {
  const t0 = Math.min(...timeline.map((t) => Number(t.start_s)));
  const t1 = Math.max(...timeline.map((t) => Number(t.end_s)));
  const span = Math.max(t1 - t0, 1e-3);
  const lanes = [...new Set(timeline.map((t) => t.phase))];
  const plot = WIDTH - LABEL - 10;
  const x = (s: number): number => LABEL + ((s - t0) / span) * plot;
  const height = lanes.length * LANE + 28;
  const step = tickStep(span);
  const ticks: number[] = [];
  for (let v = 0; v <= span + 1e-9; v += step) ticks.push(v);
  const digits = step < 1 ? Math.min(3, Math.ceil(-Math.log10(step))) : 0;
  return html`<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="phase timeline">
<g class="axis">${ticks.map((v) => html`<line x1="${x(t0 + v).toFixed(1)}" x2="${x(t0 + v).toFixed(1)}" y1="0" y2="${lanes.length * LANE}"></line><text x="${x(t0 + v).toFixed(1)}" y="${lanes.length * LANE + 14}" text-anchor="middle">${v.toFixed(digits)} s</text>`)}</g>
${lanes.map((phase, i) => html`<text x="${LABEL - 6}" y="${i * LANE + 14}" text-anchor="end">${phase}</text>`)}
${timeline.map((t) => {
  const lane = lanes.indexOf(t.phase);
  const left = x(Number(t.start_s));
  const w = Math.max(1.5, x(Number(t.end_s)) - left);
  const seconds = Number(t.end_s) - Number(t.start_s);
  return html`<rect class="phase-bar phase-${slug(t.phase)}" data-phase="${t.phase}" x="${left.toFixed(1)}" y="${lane * LANE + 3}" width="${w.toFixed(1)}" height="${LANE - 6}" fill="${phaseColor(t.phase)}"><title>${t.phase}: ${seconds.toFixed(3)} s, lines ${t.first_line}-${t.last_line}</title></rect>`;
})}
</svg>`;
}

function phaseTable(phases: RunRecord['phases']): Html {
  return table(['phase', 'seconds', 'share', '', 'intervals'], phases.map((p) => html`<tr><td><span class="swatch phase-${slug(p.phase)}"></span>${p.phase}</td><td class="num">${Number(p.wall_s).toFixed(3)}</td><td class="num">${Number(p.share_pct).toFixed(1)}%</td><td><span class="bar phase-${slug(p.phase)}" style="width:${Math.max(1, Math.round(Number(p.share_pct) * 2))}px"></span></td><td class="num">${p.intervals}</td></tr>`));
}

function statementTable(statements: RunRecord['slowest_statements']): Html {
  return table(['file', 'lines', 'phase', 'seconds', 'executions'], statements.map((s) => html`<tr><td><code>${s.file}</code></td><td class="num">${s.start_line === s.end_line ? text(s.start_line) : `${text(s.start_line)}-${text(s.end_line)}`}</td><td>${s.phase}</td><td class="num">${Number(s.seconds).toFixed(3)}</td><td class="num">${s.executions}</td></tr>`));
}

export function timelineSection(record: RunRecord): Html {
  if (record.phases.length === 0) {
    const why = record.run.status === 'running' ? 'the run is still running' : record.analysis.message ? text(record.analysis.message) : 'no phase analysis for this run';
    return section('phases', 'Phases', empty(`No phase timeline: ${why}.`));
  }
  return section('phases', 'Phases', [
    record.timeline.length > 0 ? html`<div class="scroll">${timelineSvg(record.timeline)}</div>` : empty('No phase intervals.'),
    phaseTable(record.phases),
    record.slowest_statements.length > 0 ? html`<h3>Slowest statements</h3>${statementTable(record.slowest_statements)}` : html``,
  ]);
}
