/**
 * The lineage graph drawn by Graphviz from the DOT `labtrace lineage --format dot` prints (lineageToDot).
 * Graphviz runs in Node at report time (@hpcc-js/wasm-graphviz, Graphviz compiled to WebAssembly, loaded
 * on first use); the page gets plain inline SVG: no WebAssembly, script or network at view time.
 * Labels are escaped in the DOT and again as XML by Graphviz, so they can only be text; the SVG is still
 * checked before it is used: only the elements and attributes Graphviz draws a graph with, no script, no
 * link, no event handler, or the report fails (an INTERNAL error) rather than inline it.
 */
import type { Graphviz } from '@hpcc-js/wasm-graphviz';
import { LabtraceError, errorMessage } from '../../../common/errors.js';
import { KIND_STYLE, lineageToDot, type Lineage, type LineageNode, type NodeKind } from '../lineage.js';
import { esc, html, trusted, type Html } from './escape.js';
import { empty, section } from './page.js';

let loaded: Promise<Graphviz> | undefined;

/** Graphviz, loaded once per process (a dynamic import: commands that draw no graph never load the WebAssembly). */
function graphviz(): Promise<Graphviz> {
  loaded ??= import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load()).catch((err: unknown) => {
    loaded = undefined;
    throw new LabtraceError('INTERNAL', `could not load Graphviz (@hpcc-js/wasm-graphviz): ${errorMessage(err)}`, 'npm install (make build) installs it', { cause: err });
  });
  return loaded;
}

const ELEMENTS = new Set(['svg', 'g', 'title', 'path', 'polygon', 'polyline', 'ellipse', 'text']);
const ATTRIBUTES = new Set(['width', 'height', 'viewBox', 'xmlns', 'xmlns:xlink', 'id', 'class', 'transform', 'fill', 'stroke', 'stroke-width',
  'stroke-dasharray', 'fill-opacity', 'stroke-opacity', 'points', 'd', 'cx', 'cy', 'rx', 'ry', 'x', 'y', 'text-anchor', 'font-family',
  'font-size', 'font-weight', 'font-style', 'xml:space']);
const TAG = /^<(\/?)([A-Za-z][\w:-]*)((?:\s+[A-Za-z][\w:-]*="[^"]*")*)\s*\/?>$/;

const unsafe = (why: string): LabtraceError => new LabtraceError('INTERNAL', `Graphviz drew an SVG the report does not inline: ${why}`);

/**
 * Graphviz's <svg> element alone (its XML declaration, doctype and comments dropped), checked to hold
 * nothing but drawing: every tag an allowed element with allowed attributes, text without markup.
 */
export function checkedSvg(output: string): string {
  const svg = output.replace(/^\s*<\?xml[^>]*\?>/, '').replace(/^\s*<!DOCTYPE[^>]*>/i, '').replace(/<!--[\s\S]*?-->\n?/g, '').trim();
  if (!svg.startsWith('<svg') || !svg.endsWith('</svg>')) throw unsafe('not one <svg> element');
  const parts = svg.split(/(<[^<>]*>)/);
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (/[<>]/.test(part)) throw unsafe(`markup outside a tag: ${part.slice(0, 40)}`);
      return;
    }
    const tag = TAG.exec(part);
    if (!tag || !ELEMENTS.has(tag[2]!)) throw unsafe(`element ${part.slice(0, 40)}`);
    for (const [, name] of tag[3]!.matchAll(/([A-Za-z][\w:-]*)="/g)) if (!ATTRIBUTES.has(name!)) throw unsafe(`attribute ${name} on <${tag[2]}>`);
  });
  return svg;
}

const MAX_LABEL = 40;

/** A label shortened for the drawing (the node's title, its id, keeps all of it): a path keeps its end, anything else its start. */
export function clipLabel(n: LineageNode): string {
  const chars = [...n.label];
  if (chars.length <= MAX_LABEL) return n.label;
  return n.kind === 'file' || n.kind === 'output' ? `…${chars.slice(1 - MAX_LABEL).join('')}` : `${chars.slice(0, MAX_LABEL - 1).join('')}…`;
}

export interface DrawnLineage { width: number; height: number; viewBox: string; inner: string }

/** The lineage laid out and drawn by Graphviz (labels clipped): its size in points, its viewBox and the checked content of its <svg>. */
export async function drawLineage(l: Lineage): Promise<DrawnLineage> {
  const dot = lineageToDot({ ...l, nodes: l.nodes.map((n) => ({ ...n, label: clipLabel(n) })) });
  const svg = checkedSvg((await graphviz()).dot(dot, 'svg'));
  const open = /^<svg([^>]*)>/.exec(svg)!;
  const attr = (name: string): string => new RegExp(`\\s${name}="([^"]*)"`).exec(open[1]!)?.[1] ?? '';
  return { width: parseFloat(attr('width')), height: parseFloat(attr('height')), viewBox: attr('viewBox'), inner: svg.slice(open[0].length, -'</svg>'.length) };
}

/** `labtrace lineage --format svg`: a standalone SVG file (colours in its attributes, no stylesheet needed). */
export async function lineageSvgDocument(l: Lineage): Promise<string> {
  const d = await drawLineage(l);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${d.width}pt" height="${d.height}pt" viewBox="${d.viewBox}">${d.inner}</svg>\n`;
}

/**
 * The report's inline SVG, scaled down to the page's width. Graphviz's node and edge groups (ids
 * lineage_nI / lineage_eI from the DOT) gain data-node, data-kind, data-from and data-to: the page's
 * script lights a node's edges on hover.
 */
export async function lineageSvg(l: Lineage): Promise<Html> {
  const d = await drawLineage(l);
  const inner = d.inner
    .replace(/<g id="lineage_n(\d+)" class="node ([a-z]+)">/g, (whole, i: string, kind: string) => {
      const node = l.nodes[Number(i)];
      return node ? `<g id="lineage_n${i}" class="node ${kind}" data-node="${esc(node.id)}" data-kind="${esc(node.kind)}">` : whole;
    })
    .replace(/<g id="lineage_e(\d+)" class="edge">/g, (whole, i: string) => {
      const edge = l.edges[Number(i)];
      return edge ? `<g id="lineage_e${i}" class="edge" data-from="${esc(edge.from)}" data-to="${esc(edge.to)}">` : whole;
    });
  return html`<svg class="lineage" xmlns="http://www.w3.org/2000/svg" width="${d.width}" height="${d.height}" viewBox="${d.viewBox}" style="max-width:100%;height:auto" role="img" aria-label="data lineage">${trusted(inner)}</svg>`;
}

export async function lineageSection(l: Lineage): Promise<Html> {
  if (l.nodes.length === 0) return section('lineage', 'Lineage', empty('No lineage: the run read no file and recorded no variable, model or metric.'));
  const kinds = Object.entries(KIND_STYLE) as [NodeKind, (typeof KIND_STYLE)[NodeKind]][];
  return section('lineage', 'Lineage', [
    html`<div class="legend">${kinds.map(([, k]) => html`<span><span class="swatch" style="background:${k.fill};border:1px solid #57606a"></span>${k.name}</span>`)}</div>`,
    await lineageSvg(l),
  ]);
}
