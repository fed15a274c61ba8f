/** The report's one stylesheet, inlined into the page (no network at view time). Phase colours: phase-colors.ts. */
import { phaseColorRules } from './phase-colors.js';

export const STYLE = `
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --soft: #f6f8fa; --accent: #0969da; --diff: #fff8c5; --diff-line: #d4a72c; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); margin: 0; background: #fff; }
header.top { background: #24292f; color: #fff; padding: 14px 24px; }
header.top h1 { margin: 0; font-size: 18px; font-weight: 600; }
header.top .sub { color: #c9d1d9; font-size: 12px; }
main { padding: 8px 24px 40px; max-width: 1280px; }
section { margin: 22px 0; }
h2 { font-size: 16px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin: 0 0 10px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
.badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; background: var(--soft); border: 1px solid var(--line); color: var(--muted); }
.badge.default { background: #ddf4ff; border-color: #54aeff; color: #0550ae; }
.status-ok { color: #1a7f37; font-weight: 600; } .status-failed { color: #cf222e; font-weight: 600; }
.status-running { color: #9a6700; font-weight: 600; } .status-lost { color: #8250df; font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.bar { display: inline-block; height: 10px; background: var(--accent); vertical-align: middle; }
svg text { font: 11px -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; fill: var(--fg); }
svg .axis line, svg .axis path { stroke: var(--line); }
svg .axis text { fill: var(--muted); }
.scroll { overflow-x: auto; max-width: 100%; }
.legend { font-size: 12px; margin: 4px 0; } .legend span { margin-right: 12px; white-space: nowrap; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; border-radius: 2px; }
/* Graphviz sized the nodes for 11 pt Helvetica; 10px leaves room for a wider sans-serif (DejaVu Sans). */
svg.lineage text { font: 10px Helvetica, Arial, "Liberation Sans", "Nimbus Sans", sans-serif; }
svg.lineage .edge.lit path, svg.lineage .edge.lit polygon { stroke: var(--accent); stroke-width: 2; }
svg.lineage .edge.lit polygon { fill: var(--accent); }
svg.lineage .node:hover :is(path, polygon, ellipse) { stroke: var(--accent); stroke-width: 2; }
table.compare td.differs { background: var(--diff); box-shadow: inset 3px 0 0 var(--diff-line); }
table.compare tr.differs th { background: #fff1a8; }
body.only-diff table.compare tr.same { display: none; }
.chart-pick { margin: 6px 0; }
${phaseColorRules()}
`;
