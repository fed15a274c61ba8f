/**
 * `labtrace runs --columns alpha,mse`: chosen parameter and metric columns. A name is a hyperparameter
 * of the run (its last recorded value, as recorded) or else a metric (its last value; short names as
 * in --metric: mse, mae, r2...); the cell is empty when the run has neither.
 */
import type { SqlParams } from '../../common/sql-source.js';
import type { ResultRows } from '../../common/format.js';
import { usageError } from '../grammar.js';
import { METRIC_ALIASES } from './run-filters.js';

/** The columns `labtrace runs` always prints: a chosen name may not hide one of them. */
export const RUN_COLUMNS = ['id', 'script', 'kind', 'started', 'duration_s', 'status', 'exit_code', 'events', 'python', 'backend'] as const;

/** --columns as typed (comma-separated, the option repeatable): names in order, each once. */
export function parseColumns(v: unknown): string[] {
  const given = (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined && typeof x !== 'boolean').map(String);
  if (given.length === 0) throw usageError('--columns needs a value', 'e.g. labtrace runs --columns alpha,mse');
  const names: string[] = [];
  for (const name of given.flatMap((g) => g.split(',')).map((n) => n.trim())) {
    if (name === '') continue;
    if ((RUN_COLUMNS as readonly string[]).includes(name)) throw usageError(`--columns ${name}: already a column of labtrace runs`, 'name parameters or metrics, e.g. --columns alpha,mse');
    if (!names.includes(name)) names.push(name);
  }
  if (names.length === 0) throw usageError(`--columns ${given.join(',')}: expected parameter or metric names, e.g. alpha,mse`);
  return names;
}

/**
 * SELECT items for `runs r`: per name, its last hyperparameter value (`c<i>_param`) and its last
 * metric value and repr (`c<i>_metric`, `c<i>_repr`; a non-number metric is NaN with a repr: the repr).
 * Names are bound, never in the SQL text.
 */
export function columnSelects(names: readonly string[], params: SqlParams): string[] {
  return names.flatMap((name, i) => {
    const param = params.bind(name);
    const metric = METRIC_ALIASES[name.toLowerCase()] ?? name;
    const lastMetric = `FROM metrics x WHERE x.run_id = r.run_id AND (x.function = ${params.bind(metric)} OR ends_with(x.function, ${params.bind('.' + metric)}))
         ORDER BY x.t_ns DESC NULLS LAST LIMIT 1`;
    return [
      `(SELECT h.value FROM hyperparameters h WHERE h.run_id = r.run_id AND h.name = ${param} ORDER BY h.t_ns DESC NULLS LAST, h.source = 'literal' LIMIT 1) AS c${i}_param`,
      `(SELECT CASE WHEN isnan(x.value) AND x.repr IS NOT NULL THEN NULL ELSE x.value END ${lastMetric}) AS c${i}_metric`,
      `(SELECT x.repr ${lastMetric}) AS c${i}_repr`,
    ];
  });
}

/** The query's result with each name's three columns folded into one: the parameter, else the metric's value, else its repr. */
export function foldColumns(result: ResultRows, names: readonly string[]): ResultRows {
  const at = (column: string): number => result.columns.indexOf(column);
  const slots = names.map((_, i) => [at(`c${i}_param`), at(`c${i}_metric`), at(`c${i}_repr`)] as const);
  const hidden = new Set(slots.flat());
  const kept = result.columns.map((_, j) => j).filter((j) => !hidden.has(j));
  const present = (v: unknown): boolean => v !== null && v !== undefined;
  return {
    columns: [...kept.map((j) => result.columns[j]!), ...names],
    rows: result.rows.map((row) => [
      ...kept.map((j) => row[j]),
      ...slots.map(([p, m, r]) => [row[p], row[m], row[r]].find(present) ?? null),
    ]),
  };
}
