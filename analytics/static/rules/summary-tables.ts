/**
 * Tables made of summaries of the data stay a look at the data (issue 13, "Start here" kernels' missing-value tables):
 * `counts = (df == -1).sum()`, `percent = 100 * counts / len(df)`, `table = pd.DataFrame({'missing': counts, 'percent':
 * percent.round(2)})`, `table = table[table['missing'] > 0].sort_values('percent', ascending=False)`. Arithmetic on
 * summaries alone and a frame of them wait for their reader (rules/used-for.ts); their rows filtered or re-sorted are
 * data_exploration: the value is a summary (Val.sum, kept through arithmetic, dict values and phase-neutral calls), not
 * the data set rid of rows or reorganised (data_cleaning). Called by labeller/statement.ts on plain assignments to
 * names whose value is a summary.
 */
import type { Expr } from '../ir.js';
import type { Scope, Signal } from '../labeller/model.js';

/** evidence of structural cleaning that, on a summary, only selects or orders its entries */
const SUMMARY_SHAPE_EV_RE = /^shape: .*(reorganised in place \(\w+\)|rows filtered by a condition) -> data_cleaning$/;

/**
 * `name = <a summary>` rid of entries or re-sorted: the cleaning shape becomes a look at the data. (Summaries made by
 * arithmetic alone, `percent = 100 * counts / len(df)` or `iqr = q3 - q1`, are left to the statement that reads them
 * first, rules/used-for.ts: an outlier bound or a split date is made for what it bounds.)
 */
export function inspectSummary(sigs: Signal[], targets: readonly Expr[], scope: Scope): void {
  if (targets.length === 0 || !targets.every((t) => t.k === 'name')) return;
  const firm = sigs.filter((s) => s.src !== 'fallback' && s.provisional !== true);
  // (a guess bound as the value's origin, pct = total / len(df) taken for a feature, is no reason to forget it is a summary)
  if (firm.length === 0)
    for (const t of targets) {
      const v = t.k === 'name' ? scope.get(t.id) : undefined;
      if (t.k === 'name' && v && v.sum && v.origin !== 'data_exploration') scope.set(t.id, { ...v, origin: 'data_exploration' });
    }
  if (!firm.some((s) => SUMMARY_SHAPE_EV_RE.test(s.ev)) || !firm.every((s) => SUMMARY_SHAPE_EV_RE.test(s.ev) || s.phase === 'data_exploration' || s.phase === 'other')) return;
  for (const s of sigs) if (SUMMARY_SHAPE_EV_RE.test(s.ev)) Object.assign(s, { phase: 'data_exploration', ev: `${s.ev.replace(/ -> \w+$/, '')} (of a summary) -> data_exploration` });
}
