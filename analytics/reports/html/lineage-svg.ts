/**
 * The lineage graph (analytics/reports/lineage.ts) drawn as inline SVG, left to right: a simple layered
 * layout (each node one layer right of its furthest input; cycles broken at the node seen first), nodes
 * ordered within a layer by the mean position of their neighbours, edges as curves with arrows.
 */
import type { Lineage, LineageNode } from '../lineage.js';
import { html, text, type Html } from './escape.js';
import { empty, section } from './page.js';

const NODE_H = 24;
const ROW_GAP = 12;
const COL_GAP = 56;
const MARGIN = 10;
const MAX_LABEL = 34;

export interface PlacedNode { node: LineageNode; layer: number; x: number; y: number; w: number; label: string }
export interface LineageLayout { nodes: PlacedNode[]; width: number; height: number }

const clip = (s: string): string => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);
const nodeWidth = (label: string): number => Math.round(16 + label.length * 6.4);

/** Layers by longest path from the sources (Kahn's order; a cycle is broken at its first node in `nodes` order). */
export function assignLayers(l: Lineage): Map<string, number> {
  const ids = l.nodes.map((n) => n.id);
  const preds = new Map(ids.map((id) => [id, [] as string[]]));
  for (const e of l.edges) if (preds.has(e.to) && preds.has(e.from) && e.from !== e.to) preds.get(e.to)!.push(e.from);
  const layer = new Map<string, number>();
  const pending = new Set(ids);
  while (pending.size > 0) {
    let progressed = false;
    for (const id of ids) {
      if (!pending.has(id)) continue;
      const ps = preds.get(id)!;
      if (ps.some((p) => pending.has(p))) continue;
      layer.set(id, ps.length === 0 ? 0 : 1 + Math.max(...ps.map((p) => layer.get(p)!)));
      pending.delete(id);
      progressed = true;
    }
    if (!progressed) {
      // a cycle: place its first node from the inputs already placed, ignoring the others
      const id = ids.find((x) => pending.has(x))!;
      const placed = preds.get(id)!.filter((p) => layer.has(p));
      layer.set(id, placed.length === 0 ? 0 : 1 + Math.max(...placed.map((p) => layer.get(p)!)));
      pending.delete(id);
    }
  }
  return layer;
}

export function layoutLineage(l: Lineage): LineageLayout {
  const layerOf = assignLayers(l);
  const count = Math.max(0, ...layerOf.values()) + 1;
  const layers: LineageNode[][] = Array.from({ length: count }, () => []);
  for (const n of l.nodes) layers[layerOf.get(n.id)!]!.push(n);
  const position = new Map<string, number>();
  const renumber = (): void => layers.forEach((ns) => ns.forEach((n, i) => position.set(n.id, i)));
  renumber();
  const neighbours = (id: string, dir: 'in' | 'out'): string[] => l.edges.filter((e) => (dir === 'in' ? e.to === id : e.from === id)).map((e) => (dir === 'in' ? e.from : e.to));
  const mean = (xs: number[], fallback: number): number => (xs.length === 0 ? fallback : xs.reduce((a, b) => a + b, 0) / xs.length);
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const ns of order) {
      const key = new Map(ns.map((n) => [n.id, mean(neighbours(n.id, down ? 'in' : 'out').map((p) => position.get(p)!), position.get(n.id)!)]));
      ns.sort((a, b) => key.get(a.id)! - key.get(b.id)!);
      ns.forEach((n, i) => position.set(n.id, i));
    }
  }
  renumber();
  const tallest = Math.max(1, ...layers.map((ns) => ns.length));
  const height = MARGIN * 2 + tallest * NODE_H + (tallest - 1) * ROW_GAP;
  const placed: PlacedNode[] = [];
  let x = MARGIN;
  layers.forEach((ns, layer) => {
    const labels = ns.map((n) => clip(n.label));
    const colW = Math.max(40, ...labels.map(nodeWidth));
    const colH = ns.length * NODE_H + (ns.length - 1) * ROW_GAP;
    const top = (height - colH) / 2;
    ns.forEach((n, i) => placed.push({ node: n, layer, x, y: top + i * (NODE_H + ROW_GAP), w: colW, label: labels[i]! }));
    x += colW + COL_GAP;
  });
  return { nodes: placed, width: Math.max(x - COL_GAP + MARGIN, 100), height };
}

const RADIUS: Record<LineageNode['kind'], number> = { file: 2, output: 2, variable: 4, model: 8, metric: 12 };
const f = (n: number): string => n.toFixed(1);

export function lineageSvg(l: Lineage): Html {
  const layout = layoutLineage(l);
  const at = new Map(layout.nodes.map((p) => [p.node.id, p]));
  const edges = l.edges.filter((e) => at.has(e.from) && at.has(e.to)).map((e) => {
    const a = at.get(e.from)!;
    const b = at.get(e.to)!;
    const x1 = a.x + a.w;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x - 2;
    const y2 = b.y + NODE_H / 2;
    const dx = Math.max(24, Math.abs(x2 - x1) / 2);
    return html`<path class="edge" data-from="${e.from}" data-to="${e.to}" d="M${f(x1)},${f(y1)} C${f(x1 + dx)},${f(y1)} ${f(x2 - dx)},${f(y2)} ${f(x2)},${f(y2)}" marker-end="url(#lineage-arrow)"><title>${e.from} → ${e.to}${e.line ? ` (line ${text(e.line)})` : ''}</title></path>`;
  });
  const nodes = layout.nodes.map((p) => html`<g class="node node-${p.node.kind}" data-node="${p.node.id}" data-kind="${p.node.kind}" transform="translate(${f(p.x)},${f(p.y)})"><title>${p.node.kind}: ${p.node.label}${p.node.line ? ` (line ${text(p.node.line)})` : ''}</title><rect width="${p.w}" height="${NODE_H}" rx="${RADIUS[p.node.kind]}"></rect><text x="${p.w / 2}" y="${NODE_H / 2 + 4}" text-anchor="middle">${p.label}</text></g>`);
  return html`<svg class="lineage" xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="data lineage">
<defs><marker id="lineage-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8c959f"></path></marker></defs>
<g class="edges">${edges}</g>
<g class="nodes">${nodes}</g>
</svg>`;
}

const LEGEND: [LineageNode['kind'], string, string][] = [['file', 'input file', '#ddf4ff'], ['variable', 'variable', '#f6f8fa'], ['model', 'model', '#fbefff'], ['metric', 'metric', '#fff8c5'], ['output', 'output file', '#dafbe1']];

export function lineageSection(l: Lineage): Html {
  if (l.nodes.length === 0) return section('lineage', 'Lineage', empty('No lineage: the run read no file and recorded no variable, model or metric.'));
  return section('lineage', 'Lineage', [
    html`<div class="legend">${LEGEND.map(([, name, color]) => html`<span><span class="swatch" style="background:${color};border:1px solid #57606a"></span>${name}</span>`)}</div>`,
    html`<div class="scroll">${lineageSvg(l)}</div>`,
  ]);
}
