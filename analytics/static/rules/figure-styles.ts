/**
 * Figure styles set where the figures are drawn (issue 13): `sns.set(font_scale=1.25)` before `sns.heatmap(...)`,
 * `sns.set()` then `sns.pairplot(...)`, `plt.style.use('ggplot')` in a plotting cell. In the cell of the imports the
 * style call is part of the setup (the corpus labels it so); in a cell that draws and imports nothing it styles that
 * cell's figures: visualization. Resolved by labeller/finish.ts once every statement has its final phases.
 */
import type { Rec } from '../labeller/model.js';

/** evidence of a call setting matplotlib / seaborn styles (the knowledge base labels them setup) */
const STYLE_EV_RE = /^(seaborn\.set(_style|_theme|_context|_palette)?|matplotlib\.(pyplot\.)?(style\.use|rc|rcParams\.update)) -> setup$|^\w+\.rcParams\[.*\(configuration\) -> setup$/;

const isStyle = (r: Rec): boolean => !!r.final && r.final.phases.length === 1 && r.final.phases[0] === 'setup' && r.final.evidence.length > 0 && r.final.evidence.every((ev) => STYLE_EV_RE.test(ev));

/** Top-level records (final phases computed): style calls of notebook cells that draw and load no library draw too. */
export function resolveFigureStyles(top: readonly Rec[]): void {
  const cells = new Map<number, Rec[]>();
  for (const r of top) {
    if (r.cell === null) continue;
    let l = cells.get(r.cell);
    if (!l) cells.set(r.cell, (l = []));
    l.push(r);
  }
  for (const recs of cells.values()) {
    const styles = recs.filter(isStyle);
    if (styles.length === 0 || !recs.some((r) => r.final?.phases.includes('visualization'))) continue;
    if (recs.some((r) => !isStyle(r) && r.final?.phases.includes('setup'))) continue;
    for (const r of styles) r.final = { ...r.final!, phases: ['visualization'], evidence: [`${r.final!.evidence[0]!.replace(/ -> setup$/, '')} (style of the figures of its cell) -> visualization`] };
  }
}
