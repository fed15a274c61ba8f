/**
 * Parts of a figure built before it is drawn (issue 13, plotly tutorials): `data = [trace1, trace2]` gathers traces,
 * `layout = dict(title='...', xaxis=dict(title='Rank', ticklen=5))` writes the figure's settings as literals, and
 * `fig = dict(data=data, layout=layout)` then `iplot(fig)` draws them. Neither part calls a plotting API, so neither
 * is recognised by itself; like the values picked out only to be drawn (rules/plot-only.ts) they belong to the figure
 * when every later use of them draws, directly or through a value that is itself only drawn. Decided by def-use
 * (labeller/statement.ts makes them candidates, labeller/finish.ts resolves them), not by names.
 */
import type { Expr } from '../ir.js';

/** a literal setting: a number, a string, a constant, or a list / nested spec of them */
function isLiteralSetting(e: Expr): boolean {
  switch (e.k) {
    case 'num':
    case 'str':
    case 'const':
      return true;
    case 'unary':
      return isLiteralSetting(e.e);
    case 'seq':
      return e.items.every(isLiteralSetting);
    default:
      return isSettingsDict(e);
  }
}

/** `dict(title='x', xaxis=dict(ticklen=5))` or `{'title': 'x'}`: settings written as literals, at least one */
function isSettingsDict(e: Expr): boolean {
  if (e.k === 'dict') return e.vals.length > 0 && e.keys.every((k) => k !== null && k.k === 'str') && e.vals.every(isLiteralSetting);
  return e.k === 'call' && e.fn.k === 'name' && e.fn.id === 'dict' && e.args.length === 0 && e.kw.length > 0 && e.kw.every(([, v]) => isLiteralSetting(v));
}

/** `[trace1, trace2]`: existing objects gathered in a list or tuple (they are figure parts when only drawn) */
function isGathering(e: Expr): boolean {
  return e.k === 'seq' && e.items.length > 0 && e.items.every((x) => x.k === 'name');
}

/** A value that may be a part of a figure: settings written as literals, or objects gathered for a drawing call. */
export function isFigureSpec(e: Expr): boolean {
  return isSettingsDict(e) || isGathering(e);
}
