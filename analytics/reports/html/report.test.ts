/**
 * The HTML report's rendering, on records built here: every value a program recorded is escaped
 * (a parameter value, a path, an exception message, a lineage label, an environment variable), the
 * comparison marks exactly the rows that differ, the lineage layout terminates on a cycle and places
 * each node right of its inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunRecord } from '../run-record.js';
import type { Lineage } from '../lineage.js';
import { esc, html } from './escape.js';
import { assignLayers } from './lineage-svg.js';
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

test('a run report escapes every recorded value: no markup from the program reaches the page', () => {
  const page = renderRunReport({ record: record('r1'), lineage }, new Date(0));
  assert.equal(elements(page, 'script'), 2, 'labtrace\'s error hook and its script, nothing else');
  assert.equal(elements(page, 'img'), 0);
  assert.ok(page.includes(esc(HOSTILE)), 'the parameter value is shown, escaped');
  assert.ok(page.includes('&lt;b&gt;in&lt;/b&gt;.csv'));
  assert.ok(page.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.py'));
  assert.match(page, /<g class="node node-variable" data-node="var:df:1"[^>]*><title>variable: &lt;script&gt;/);
  assert.ok(!/https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(page), 'no URL but the SVG namespace');
  assert.match(page, /<span class="badge default"/, 'the default parameter is marked');
  assert.match(page, /class="phase-bar phase-model-training" data-phase="model_training" x="[\d.]+"/);
});

test('a notebook session lists its cell executions, escaped', () => {
  const notebook = record('n1');
  notebook.run = { ...notebook.run, kind: 'notebook', script: '', notebook_path: '/p/a.ipynb' };
  notebook.cells = [{ ordinal: 1, execution_count: 1, cell_index: 2, first_line: HOSTILE, seconds: 0.25, outcome: 'ok', exception_type: null, phase: 'setup', metrics: null }];
  const page = renderRunReport({ record: notebook, lineage }, new Date(0));
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

test('lineage layers: each node right of its inputs; a cycle is broken, not looped on', () => {
  const layers = assignLayers(lineage);
  assert.deepEqual(lineage.nodes.map((n) => layers.get(n.id)), [0, 1, 2, 3]);
  const cyclic: Lineage = { run_id: 'c', nodes: [{ id: 'a', kind: 'variable', label: 'a', line: 1 }, { id: 'b', kind: 'variable', label: 'b', line: 2 }],
    edges: [{ from: 'a', to: 'b', line: 2 }, { from: 'b', to: 'a', line: 3 }] };
  assert.deepEqual([...assignLayers(cyclic).values()], [0, 1]);
});

test('timeline ticks: 1, 2 or 5 times a power of ten', () => {
  assert.equal(tickStep(3.6), 0.5);
  assert.equal(tickStep(120), 20);
  assert.equal(tickStep(0.004), 0.0005);
});
