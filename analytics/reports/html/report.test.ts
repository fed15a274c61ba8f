/**
 * The HTML report's rendering, on records built here: every value a program recorded is escaped
 * (a parameter value, a path, an exception message, a lineage label, an environment variable), the
 * comparison marks exactly the rows that differ. The lineage is drawn by Graphviz from the DOT
 * `labtrace lineage --format dot` prints: hostile labels come out as text (no DOT injection, no markup),
 * and an SVG holding anything but drawing is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunRecord } from '../run-record.js';
import type { Lineage } from '../lineage.js';
import { esc, html } from './escape.js';
import { checkedSvg, clipLabel, drawLineage, lineageSvg, lineageSvgDocument } from './lineage-svg.js';
import { KIND_STYLE, lineageToDot } from '../lineage.js';
import { renderCompareReport, renderRunReport } from './report.js';
import { tickStep } from './timeline.js';

const HOSTILE = `<script>alert('x')</script>`;

function record(id: string, overrides: { param?: string; metric?: number } = {}): RunRecord {
  return {
    run: { run_id: id, kind: 'script', script: `/p/"><img src=x onerror=alert(1)>.py`, status: 'failed', exit_code: 1, exception_type: 'ValueError', exception_message: HOSTILE,
      started_at: '2026-01-02 03:04:05', duration_s: 2.5, python_implementation: 'CPython', python_version: '3.12.1', hostname: 'h', os: 'Linux', cwd: '/p' },
    analysis: { status: 'ok', message: null },
    phases: [{ phase: 'data_loading', wall_s: 0.5, share_pct: 20, intervals: 1 }, { phase: 'model_training', wall_s: 2, share_pct: 80, intervals: 1 }],
    timeline: [{ phase: 'data_loading', start_s: 10, end_s: 10.5, first_line: 1, last_line: 2 }, { phase: 'model_training', start_s: 10.5, end_s: 12.5, first_line: 3, last_line: 4 }],
    slowest_statements: [],
    data: [{ path: `/p/<b>in</b>.csv`, mode: 'r', write: false, size: 2048, sha256: 'ab'.repeat(32), hash_method: 'full', line: 1 }],
    datasets: [],
    parameters: [
      { estimator: 'sklearn.dummy.DummyClassifier', name: 'constant', value: overrides.param ?? HOSTILE, type: 'str', is_default: false, line: 3, source: 'init' },
      { estimator: 'sklearn.dummy.DummyClassifier', name: 'strategy', value: "'prior'", type: 'str', is_default: true, line: 3, source: 'init' },
    ],
    metrics: [{ function: 'sklearn.metrics.accuracy_score', value: overrides.metric ?? 0.75, repr: null, line: 5, source: 'return' }],
    environment: { distributions: [{ name: 'pandas', version: '2.2.0' }], variables: [{ name: 'SECRET', value: HOSTILE, redacted: false }], git: null },
    sources: [],
    overhead: {},
    cells: [],
  };
}

const lineage: Lineage = {
  run_id: 'r1',
  nodes: [
    { id: 'file:/p/in.csv', kind: 'file', label: '/p/in.csv', line: 1 },
    { id: 'var:df:1', kind: 'variable', label: HOSTILE, line: 1 },
    { id: 'model:1', kind: 'model', label: 'model: DummyClassifier', line: 3 },
    { id: 'metric:0', kind: 'metric', label: 'accuracy_score = 0.75', line: 5 },
  ],
  edges: [{ from: 'file:/p/in.csv', to: 'var:df:1', line: 1 }, { from: 'var:df:1', to: 'model:1', line: 3 }, { from: 'model:1', to: 'metric:0', line: 5 }],
};

/** The <script> and <img> elements of a page: only labtrace's own two scripts. */
const elements = (page: string, tag: string): number => (page.match(new RegExp(`<${tag}[\\s>]`, 'gi')) ?? []).length;

test('a run report escapes every recorded value: no markup from the program reaches the page', async () => {
  const page = await renderRunReport({ record: record('r1'), lineage }, new Date(0));
  assert.equal(elements(page, 'script'), 2, 'labtrace\'s error hook and its script, nothing else');
  assert.equal(elements(page, 'img'), 0);
  assert.ok(page.includes(esc(HOSTILE)), 'the parameter value is shown, escaped');
  assert.ok(page.includes('&lt;b&gt;in&lt;/b&gt;.csv'));
  assert.ok(page.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.py'));
  assert.match(page, /<g id="lineage_n1" class="node variable" data-node="var:df:1" data-kind="variable">\s*<title>var:df:1<\/title>\s*<polygon fill="#f6f8fa"[^>]*\/>\s*<text [^>]*>&lt;script&gt;alert\(&#39;x&#39;\)&lt;\/script&gt;<\/text>/);
  assert.ok(!/https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(page), 'no URL but the SVG namespace');
  assert.match(page, /<span class="badge default"/, 'the default parameter is marked');
  assert.match(page, /class="phase-bar phase-model-training" data-phase="model_training" x="[\d.]+"/);
});

test('a notebook session lists its cell executions, escaped', async () => {
  const notebook = record('n1');
  notebook.run = { ...notebook.run, kind: 'notebook', script: '', notebook_path: '/p/a.ipynb' };
  notebook.cells = [{ ordinal: 1, execution_count: 1, cell_index: 2, first_line: HOSTILE, seconds: 0.25, outcome: 'ok', exception_type: null, phase: 'setup', metrics: null }];
  const page = await renderRunReport({ record: notebook, lineage }, new Date(0));
  assert.match(page, /<section id="cells"><h2>Cell executions<\/h2>.*<td class="num">1<\/td><td>\[1\]<\/td><td>#2<\/td><td>setup<\/td>/s);
  assert.equal(elements(page, 'script'), 2);
  assert.match(page, /<code>\/p\/a\.ipynb<\/code>/);
});

test('html`` escapes interpolations, joins arrays, keeps nested fragments', () => {
  assert.equal(html`<td>${'a&b'}</td>${['<', html`<i>${'"'}</i>`]}`.text, '<td>a&amp;b</td>&lt;<i>&quot;</i>');
  assert.equal(html`${null}${undefined}${false}${0}`.text, '0');
});

test('the comparison highlights exactly the rows whose values differ', () => {
  const page = renderCompareReport([record('aaaaaaaaaaaa1', { param: '1' }), record('bbbbbbbbbbbb2', { param: '2' }), record('cccccccccccc3', { param: '2' })], new Date(0));
  assert.match(page, /<tr class="differs" data-key="DummyClassifier.constant">/);
  assert.match(page, /<tr class="same" data-key="DummyClassifier.strategy">/);
  assert.match(page, /<tr class="same" data-key="accuracy_score">/);
  assert.match(page, /<tr class="differs" data-key="run id">/);
  const other = renderCompareReport([record('a1', { metric: 0.5 }), record('b2', { metric: 0.9 })], new Date(0));
  assert.match(other, /<tr class="differs" data-key="accuracy_score">/);
  assert.match(other, /<figure data-metric-chart="accuracy_score"/);
  assert.equal(elements(other, 'script'), 2);
});

/** The drawn lineage's node groups: [data-node, class, title, the text lines of its label]. */
function drawnNodes(svg: string): [string, string, string, string][] {
  return [...svg.matchAll(/<g id="lineage_n\d+" class="node (\w+)" data-node="([^"]*)" data-kind="\w+">\s*<title>([^<]*)<\/title>([\s\S]*?)<\/g>/g)]
    .map((m) => [m[2]!, m[1]!, m[3]!, [...m[4]!.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((t) => t[1]).join('|')]);
}

test('lineage drawn by Graphviz: labels that try DOT or HTML injection are text, nodes filled by kind', async () => {
  const hostile: Lineage = {
    run_id: 'h',
    nodes: [
      { id: 'file:/p/"a".csv', kind: 'file', label: '<script>alert(1)</script>', line: 1 },
      { id: 'var:q:2', kind: 'variable', label: '"]; x [label="', line: 2 },
      { id: 'model:1', kind: 'model', label: 'a\\N b\nc & d', line: 3 },
      { id: 'metric:0', kind: 'metric', label: '--><img src=x onerror=alert(1)>', line: 4 },
    ],
    edges: [{ from: 'file:/p/"a".csv', to: 'var:q:2', line: 2 }, { from: 'var:q:2', to: 'model:1', line: 3 }, { from: 'model:1', to: 'metric:0', line: 4 }],
  };
  const svg = (await lineageSvg(hostile)).text;
  assert.deepEqual(drawnNodes(svg), [
    ['file:/p/&quot;a&quot;.csv', 'file', 'file:/p/&quot;a&quot;.csv', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['var:q:2', 'variable', 'var:q:2', '&quot;]; x [label=&quot;'],
    ['model:1', 'model', 'model:1', 'a\\N b|c &amp; d'],
    ['metric:0', 'metric', 'metric:0', '&#45;&#45;&gt;&lt;img src=x onerror=alert(1)&gt;'],
  ], 'four nodes (no node x), each label its own text: quotes, \\N and markup literal, a line break kept');
  assert.equal((svg.match(/<g id="lineage_e\d+" class="edge" data-from="[^"]+" data-to="[^"]+">/g) ?? []).length, 3);
  assert.doesNotMatch(svg, /<(script|img|a|foreignObject)[\s>]|<[^>]*\s(on\w+|[\w:]*href)=/i, 'no script element, handler or link');
  assert.match(svg, /^<svg class="lineage" [^>]*viewBox="[\d. ]+" style="max-width:100%;height:auto"/, 'scaled to the page width');
  for (const kind of ['file', 'variable', 'model', 'metric'] as const) {
    assert.match(svg, new RegExp(`class="node ${kind}"[^>]*>\\s*<title>[^<]*</title>\\s*<(path|polygon|ellipse) fill="${KIND_STYLE[kind].fill}"`), kind);
  }
  assert.ok(lineageToDot(hostile).includes('[label="\\"]; x [label=\\"", shape=box'), '`labtrace lineage --format dot` is the same DOT');
  const doc = await lineageSvgDocument(hostile);
  assert.match(doc, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="[\d.]+pt"/);
  assert.equal(drawnNodes(doc.replace(/(<g id="lineage_n\d+" class="node \w+")>/g, '$1 data-node="" data-kind="x">')).length, 4);
});

test('lineage with a cycle is drawn, both edges kept', async () => {
  const cyclic: Lineage = { run_id: 'c', nodes: [{ id: 'a', kind: 'variable', label: 'a', line: 1 }, { id: 'b', kind: 'variable', label: 'b', line: 2 }],
    edges: [{ from: 'a', to: 'b', line: 2 }, { from: 'b', to: 'a', line: 3 }] };
  const drawn = await drawLineage(cyclic);
  assert.equal((drawn.inner.match(/class="edge"/g) ?? []).length, 2);
  assert.ok(drawn.width > 0 && drawn.height > 0);
});

test('long labels are clipped in the drawing, a path keeping its end; the title keeps the whole id', async () => {
  const path = `/home/someone/projects/${'deep/'.repeat(8)}points.csv`;
  const long: Lineage = { run_id: 'l', nodes: [{ id: `file:${path}`, kind: 'file', label: path, line: 1 }, { id: 'var:x:2', kind: 'variable', label: `x ${'(1, 2) '.repeat(10)}`, line: 2 }],
    edges: [{ from: `file:${path}`, to: 'var:x:2', line: 2 }] };
  assert.equal(clipLabel(long.nodes[0]!), `…${path.slice(-39)}`);
  assert.equal([...clipLabel(long.nodes[1]!)].length, 40);
  assert.ok(clipLabel(long.nodes[1]!).startsWith('x (1, 2)') && clipLabel(long.nodes[1]!).endsWith('…'));
  const nodes = drawnNodes((await lineageSvg(long)).text);
  assert.deepEqual(nodes.map((n) => [n[2], n[3]]), [[`file:${path}`, `…${path.slice(-39)}`], ['var:x:2', clipLabel(long.nodes[1]!)]]);
});

test('an SVG holding anything but drawing is refused, not inlined', () => {
  const ok = '<svg width="8pt" height="8pt" viewBox="0 0 8 8" xmlns="http://www.w3.org/2000/svg"><g id="a" class="node"><title>x &amp; y</title><text x="1" y="2">t</text></g></svg>';
  assert.equal(checkedSvg(`<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "y">\n<!-- c -->\n${ok}\n`), ok);
  for (const bad of [
    '<svg><script>alert(1)</script></svg>',
    '<svg><g onload="alert(1)"></g></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<svg><foreignObject><div>x</div></foreignObject></svg>',
    '<svg><text>a <img src=x onerror=alert(1) </text></svg>',
    '<svg><g style="background:url(x)"></g></svg>',
    '<p>not svg</p>',
  ]) assert.throws(() => checkedSvg(bad), (e: Error & { code?: string }) => e.code === 'INTERNAL', bad);
});

test('timeline ticks: 1, 2 or 5 times a power of ten', () => {
  assert.equal(tickStep(3.6), 0.5);
  assert.equal(tickStep(120), 20);
  assert.equal(tickStep(0.004), 0.0005);
});
