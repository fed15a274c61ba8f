/**
 * labtrace report in a real browser: a real traced scikit-learn run (the repo's .venv, real daemon),
 * its report written by the CLI and loaded by Debian's headless Chromium (`make chromium`) with the
 * network cut off. The dumped DOM has the run's parameters (a default marked), its metric, the timeline
 * bars and the lineage nodes Graphviz drew; a parameter value holding <script> is text, not an element; the
 * page's own script ran (data-report-ready) and Chromium logged no console message or script error.
 * Two runs with different C compared: that row highlighted, equal ones not. A screenshot is kept in
 * .labtrace-test/artifacts/html-report.png. labtrace lineage --format svg: the same drawing as an SVG file.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DaemonProcess, runCli, runTraced, sql, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { VENV_PY } from '../support/apartments-run.js';
import { REPO_ROOT } from '../support/paths.js';

const TUNE_PY = `"""A small classifier run for the HTML report test: a CSV read, a split, two models, a metric."""
import sys

import pandas as pd
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

C = float(sys.argv[1])
data = pd.read_csv("points.csv")
X = data[["x1", "x2"]]
y = data["label"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
baseline = DummyClassifier(strategy="most_frequent", constant="<script>document.title='pwned'</script>")
baseline.fit(X_train, y_train)
model = LogisticRegression(C=C, max_iter=200)
model.fit(X_train, y_train)
accuracy = accuracy_score(y_test, model.predict(X_test))
print("accuracy %.3f" % accuracy)
`;

/** The browser: Debian's chromium on PATH. Absent, the test fails where `make chromium` could have installed it (root with apt-get). */
function findChromium(): { path?: string; skip?: string } {
  for (const name of ['chromium', 'chromium-browser']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return { path: r.stdout.trim() };
  }
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (apt && process.getuid?.() === 0) return {};
  return { skip: 'chromium is not installed and apt-get cannot install it here (not root or no apt): run make chromium as root to enable this test' };
}

const chromium = findChromium();
let daemon: DaemonProcess;
let project: string;
let profile: string;
const runs: string[] = [];
const ARTIFACTS = join(REPO_ROOT, '.labtrace-test', 'artifacts');

before(async () => {
  if (chromium.skip) return;
  daemon = await DaemonProcess.start();
  project = `${daemon.home.root}-report`;
  mkdirSync(project, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'labtrace-chromium-'));
  writeFileSync(join(project, 'tune.py'), TUNE_PY);
  const lines = ['x1,x2,label'];
  for (let i = 0; i < 200; i++) {
    const a = ((i * 37) % 101) / 101;
    const b = ((i * 53) % 97) / 97;
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${a + b + ((i * 7) % 10) / 20 > 1.2 ? 1 : 0}`);
  }
  writeFileSync(join(project, 'points.csv'), lines.join('\n') + '\n');
  for (const c of ['0.01', '10']) {
    const r = runTraced(VENV_PY, join(project, 'tune.py'), daemon.home, { cwd: project, args: [c] });
    assert.equal(r.status, 0, r.stderr);
    const id = await waitFor(`run with C=${c} correlated`, () => sql<{ run_id: string }>(daemon.home,
      `SELECT r.run_id FROM runs r JOIN run_analysis a USING (run_id) WHERE r.script LIKE '%/tune.py' AND r.status = 'ok' ORDER BY r.started_at`)[runs.length]?.run_id, 180_000, () => storeDiagnosis(daemon.home));
    runs.push(id);
  }
});

after(async () => {
  if (chromium.skip) return;
  await daemon?.stop();
  daemon?.home.remove();
  rmSync(project, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
});

interface Loaded { dom: string; console: string[] }

/** Loads a file in headless Chromium with every host unresolvable: the dumped DOM after scripts ran, and its console lines. */
function load(file: string, extra: string[] = []): Loaded {
  assert.ok(chromium.path, 'chromium is missing: make chromium installs it (apt-get, as root)');
  const r = spawnSync(chromium.path, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', `--user-data-dir=${profile}`,
    '--host-resolver-rules=MAP * ~NOTFOUND', '--enable-logging=stderr', '--v=0', ...extra, '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  return { dom: r.stdout, console: r.stderr.split('\n').filter((l) => /:CONSOLE[:(]|Uncaught/.test(l)) };
}

function report(args: string[], name: string): { file: string; html: string } {
  const file = join(project, name);
  const r = runCli(daemon.home, ['report', ...args, '-o', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`));
  return { file, html: readFileSync(file, 'utf8') };
}

const skip = chromium.skip ?? false;

test('one run: Chromium renders parameters, metric, timeline and lineage, with no console message and the script escaped', { skip }, () => {
  const { file, html } = report([runs[1]!.slice(0, 12)], 'one.html');
  assert.ok(!/\b(src|href)="(?!#)/.test(html) && !/@import|url\((?!#)/.test(html), 'nothing loaded from elsewhere');
  const page = load(file);
  assert.deepEqual(page.console, [], 'no console message or uncaught error');
  const dom = page.dom;
  assert.match(dom, /<html[^>]* data-report-ready="8"/, 'the page script ran to its end (8 sections)');
  assert.doesNotMatch(dom, /<html[^>]*data-report-error/, 'no script error');
  assert.equal((dom.match(/<script[\s>]/g) ?? []).length, 2, 'only labtrace\'s two scripts are elements');
  assert.ok(dom.includes("&lt;script&gt;document.title='pwned'&lt;/script&gt;"), 'the parameter value shown as text');
  assert.doesNotMatch(dom, /<title>pwned<\/title>/);
  assert.match(dom, /<tr class="" data-param="C"><td>LogisticRegression<\/td><td><code>C<\/code><\/td><td><code>10(\.0)?<\/code>/);
  assert.match(dom, /<tr class="is-default" data-param="penalty">/, 'a default parameter marked');
  assert.match(dom, /data-metric="sklearn\.metrics\._classification\.accuracy_score"><td><code>[^<]+<\/code><\/td><td class="num">0\.\d+/);
  for (const phase of ['data_loading', 'model_training']) assert.match(dom, new RegExp(`<rect class="phase-bar phase-[a-z-]+" data-phase="${phase}"`));
  // The lineage as Graphviz drew it: its node groups titled with the node ids, filled by kind, the model labelled.
  assert.match(dom, /<svg class="lineage" [^>]*style="max-width:100%;height:auto"/);
  assert.match(dom, /<g id="lineage_n\d+" class="node file" data-node="file:[^"]*points\.csv" data-kind="file">\s*<title>file:[^<]*points\.csv<\/title>\s*<path fill="#ddf4ff"/);
  assert.match(dom, /<g id="lineage_n\d+" class="node model" data-node="model:\d+" data-kind="model">\s*<title>model:\d+<\/title>\s*<polygon fill="#fbefff"[^>]*>(<\/polygon>)?\s*<text [^>]*>model: LogisticRegression<\/text>/);
  assert.match(dom, /<g id="lineage_n\d+" class="node metric" data-node="metric:\d+"[^>]*>\s*<title>metric:\d+<\/title>\s*<ellipse fill="#fff8c5"/);
  assert.ok((dom.match(/<g id="lineage_e\d+" class="edge" data-from="[^"]+" data-to="[^"]+">/g) ?? []).length >= 5, 'lineage edges drawn');

  mkdirSync(ARTIFACTS, { recursive: true });
  const shot = join(ARTIFACTS, 'html-report.png');
  rmSync(shot, { force: true });
  const r = spawnSync(chromium.path!, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', `--user-data-dir=${profile}`, '--host-resolver-rules=MAP * ~NOTFOUND',
    '--hide-scrollbars', '--window-size=1300,3600', `--screenshot=${shot}`, `file://${file}`], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  assert.ok(existsSync(shot) && statSync(shot).size > 20_000, 'a screenshot with something drawn');
});

test('two runs compared: C differs and is highlighted, equal parameters are not, the metric chart is there', { skip }, () => {
  const { file } = report(runs, 'compare.html');
  const page = load(file);
  assert.deepEqual(page.console, []);
  assert.match(page.dom, /<html[^>]* data-report-ready="4"/);
  assert.match(page.dom, /<tr class="differs" data-key="LogisticRegression\.C"><th>LogisticRegression\.C<\/th><td class="differs"><code>0\.01<\/code>/);
  assert.match(page.dom, /<tr class="same" data-key="LogisticRegression\.max_iter">/);
  assert.match(page.dom, /<tr class="same" data-key="DummyClassifier\.constant"><th>DummyClassifier\.constant<\/th><td class=""><code>"?&lt;script&gt;/);
  assert.match(page.dom, /<tr class="[a-z]+" data-key="accuracy">/);
  assert.match(page.dom, /<figure data-metric-chart="accuracy" class="metric-chart">/, 'the chosen metric\'s chart shown (the others hidden)');
});

test('report selects the runs by filter: --script tune.py compares both, oldest first', { skip }, () => {
  const { html } = report(['--script', 'tune.py'], 'filtered.html');
  assert.match(html, /2 runs compared/);
  assert.ok(html.indexOf(runs[0]!) < html.indexOf(runs[1]!), 'oldest first');
});

test('lineage --format svg: the run\'s lineage drawn by the same Graphviz, a standalone SVG file', { skip }, () => {
  const r = runCli(daemon.home, ['lineage', runs[1]!.slice(0, 12), '--format', 'svg']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="[\d.]+pt" height="[\d.]+pt" viewBox="[\d. ]+">/);
  assert.match(r.stdout, /<g id="lineage_n\d+" class="node file">\n<title>file:[^<]*points\.csv<\/title>\n<path fill="#ddf4ff"/);
  assert.match(r.stdout, /<text [^>]*>model: LogisticRegression<\/text>/);
  assert.ok(r.stdout.trimEnd().endsWith('</svg>'));
});
