/**
 * A plotting helper that also prints statistics of the data it draws (issue 13, "Start here" kernels: `def
 * kde_target(var_name, df): corr = df['TARGET'].corr(df[var_name]); ... sns.kdeplot(...); print('The correlation
 * between %s and the TARGET is %0.4f' % (var_name, corr))`) looks at the data without a figure too, at every call:
 * data_exploration besides visualization. Counting statements would leave only the drawing (a figure, its labels and
 * plt.show() outweigh one printed statistic). Helpers whose statistics only feed the figure (`df.groupby(col)[y].mean()
 * .plot.bar()`) or that print only their arguments (`print(col)`) stay visualization.
 */
import type { Signal } from '../labeller/model.js';

/** evidence of a printed value the analyser took for a look at the data (a correlation, a median: not the helper's own arguments) */
const PRINTED_EV_RE = /^display of print\(.* -> data_exploration$/;

/** some statement of the body prints a look at the data */
export function printsStatistics(records: readonly { sigs: readonly Signal[] }[]): boolean {
  return records.some((r) => r.sigs.some((x) => x.phase === 'data_exploration' && PRINTED_EV_RE.test(x.ev)));
}
