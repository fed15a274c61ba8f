/**
 * The page around a report's sections: one self-contained HTML file (inline CSS and script, no URL
 * fetched at view time). The script is labtrace's own (no user value in it): it switches the chosen
 * metric chart, records a script error on <html data-report-error>, and marks the page
 * <html data-report-ready="N sections"> once it has run, which the browser test reads.
 */
import { html, trusted, type Html } from './escape.js';
import { STYLE } from './style.js';

const ERROR_HOOK = `window.addEventListener('error', function (e) { document.documentElement.setAttribute('data-report-error', String(e.message)); });`;

const SCRIPT = `(function () {
  var pick = document.getElementById('metric-pick');
  function showChart() {
    var charts = document.querySelectorAll('[data-metric-chart]');
    for (var i = 0; i < charts.length; i++) charts[i].hidden = charts[i].getAttribute('data-metric-chart') !== pick.value;
  }
  if (pick) { pick.addEventListener('change', showChart); showChart(); }
  var onlyDiff = document.getElementById('only-diff');
  if (onlyDiff) onlyDiff.addEventListener('change', function () { document.body.classList.toggle('only-diff', onlyDiff.checked); });
  var nodes = document.querySelectorAll('svg.lineage .node');
  for (var j = 0; j < nodes.length; j++) {
    nodes[j].addEventListener('mouseenter', function (ev) { mark(ev.currentTarget.getAttribute('data-node')); });
    nodes[j].addEventListener('mouseleave', function () { mark(null); });
  }
  function mark(id) {
    var edges = document.querySelectorAll('svg.lineage .edge');
    for (var k = 0; k < edges.length; k++) {
      var on = id !== null && (edges[k].getAttribute('data-from') === id || edges[k].getAttribute('data-to') === id);
      edges[k].classList.toggle('lit', on);
    }
  }
  document.documentElement.setAttribute('data-report-ready', String(document.querySelectorAll('main > section').length));
})();`;

export function page(title: string, subtitle: string, sections: readonly Html[]): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="labtrace report">
<title>${title}</title>
<script>${trusted(ERROR_HOOK)}</script>
<style>${trusted(STYLE)}</style>
</head>
<body>
<header class="top"><h1>${title}</h1><div class="sub">${subtitle}</div></header>
<main>
${sections.map((s) => html`${s}\n`)}
</main>
<script>${trusted(SCRIPT)}</script>
</body>
</html>
`.text;
}

export function section(id: string, heading: string, body: Html | Html[]): Html {
  return html`<section id="${id}"><h2>${heading}</h2>${body}</section>`;
}

export function table(columns: readonly string[], rows: readonly Html[], className = ''): Html {
  return html`<div class="scroll"><table class="${className}"><thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function empty(message: string): Html {
  return html`<p class="empty">${message}</p>`;
}
