/**
 * The analytics queries the benchmark times. What the product runs for a phase breakdown is the
 * `phase_breakdown` view (`labtrace show`, SQL users) and `phase_intervals` (`labtrace runs --phase`):
 * aggregates of the tables the correlation writes once per run after RunEnd. The joins of the
 * `statements` view to `statement_phases` on line ranges below are what a SQL user would write by hand
 * from the raw events; they are timed for comparison, the product never runs them.
 */

/** Time per (run, phase) as SQL users and `labtrace show` get it (all runs). */
export const PHASE_BREAKDOWN_VIEW_SQL = 'SELECT * FROM phase_breakdown ORDER BY run_id, first_start_ns';

/** The slowest statements over all runs from the correlation's `statement_times` (per top-level statement). */
export const STATEMENT_TIMES_TABLE_SQL = `
  SELECT file, start_line, end_line, any_value(phase) AS phase, sum(executions) AS executions, sum(total_ns) / 1e9 AS seconds
  FROM statement_times GROUP BY file, start_line, end_line ORDER BY seconds DESC, file, start_line LIMIT 50`;

/** Ad hoc, from the raw events: time and statement count per (run, phase). `where` filters the statements view (alias s). */
export const PHASE_BREAKDOWN_SQL = (where: string): string => `
  SELECT s.run_id, p.phase, count(*) AS statements, sum(s.duration_ns) / 1e9 AS seconds, min(s.t_ns) AS first_ns
  FROM statements s
  JOIN statement_phases p ON p.run_id = s.run_id AND p.file = s.file AND s.line BETWEEN p.start_line AND p.end_line AND p.top_level
  WHERE ${where}
  GROUP BY ALL
  ORDER BY s.run_id, first_ns`;

/** Ad hoc, from the raw events: where the time went, line by line (top 50). */
export const STATEMENT_TIMES_SQL = (where: string): string => `
  SELECT file, line, count(*) AS executions, sum(duration_ns) / 1e9 AS seconds
  FROM statements WHERE ${where}
  GROUP BY ALL ORDER BY seconds DESC LIMIT 50`;

/** Data lineage across runs: who read this file, what model they fitted with which parameters, what it scored, what they wrote. */
export const DATA_LINEAGE_SQL = (file: string): string => `
  WITH readers AS (SELECT DISTINCT run_id FROM file_accesses WHERE path = ${file} AND NOT is_write)
  SELECT r.run_id, h.estimator, string_agg(h.name || '=' || h.value, ', ' ORDER BY h.name) AS params,
    any_value(m.value) AS metric, any_value(o.path) AS output
  FROM readers r
  LEFT JOIN hyperparameters h ON h.run_id = r.run_id
  LEFT JOIN metrics m ON m.run_id = r.run_id
  LEFT JOIN file_accesses o ON o.run_id = r.run_id AND o.is_write
  GROUP BY r.run_id, h.estimator ORDER BY r.run_id`;

/**
 * The ad hoc breakdown with integer keys only: the window runs over event_log partitioned by run_key (not the
 * 32-char run_id of the `statements` view), and the phase ranges are expanded to one row per line and
 * mapped to (run_key, module code_id) first, so the big join is an equi-join on three integers instead of
 * a hash join on strings followed by a BETWEEN filter over every phase row of the file.
 */
export const PHASE_BREAKDOWN_INT_SQL = (where: string): string => `
  WITH st AS (
    SELECT e.run_key, e.code_id, e.line, lead(e.t_ns) OVER (PARTITION BY e.run_key, e.thread ORDER BY e.t_ns) - e.t_ns AS duration_ns, e.t_ns
    FROM event_log e WHERE e.kind = 3),
  ph AS (
    SELECT r.run_key, r.run_id, c.code_id, l.line, p.phase
    FROM statement_phases p JOIN runs r ON r.run_id = p.run_id
    JOIN code_objects c ON c.run_id = p.run_id AND c.file = p.file AND c.qualname = '<module>',
    LATERAL (SELECT range AS line FROM range(p.start_line, p.end_line + 1)) l
    WHERE p.top_level AND ${where})
  SELECT ph.run_id, ph.phase, count(*) AS statements, sum(st.duration_ns) / 1e9 AS seconds, min(st.t_ns) AS first_ns
  FROM st JOIN ph ON ph.run_key = st.run_key AND ph.code_id = st.code_id AND ph.line = st.line
  GROUP BY ALL ORDER BY ph.run_id, first_ns`;
