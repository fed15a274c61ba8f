/** Tables and views the correlation writes: phases per statement, the phase timeline, statement times. */
export const CORRELATION_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS run_analysis (
    run_id VARCHAR PRIMARY KEY, analyzed_at TIMESTAMP, files INTEGER, status VARCHAR, message VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS statement_phases (
    run_id VARCHAR NOT NULL, file VARCHAR NOT NULL, start_line INTEGER NOT NULL, end_line INTEGER NOT NULL,
    top_level BOOLEAN NOT NULL, phase VARCHAR NOT NULL, phases VARCHAR[], evidence VARCHAR[], confidence DOUBLE,
    refined_by_runtime BOOLEAN NOT NULL DEFAULT false
  )`,
  `CREATE TABLE IF NOT EXISTS function_phases (
    run_id VARCHAR NOT NULL, file VARCHAR NOT NULL, name VARCHAR NOT NULL, start_line INTEGER, end_line INTEGER, phases VARCHAR[]
  )`,
  `CREATE TABLE IF NOT EXISTS phase_intervals (
    run_id VARCHAR NOT NULL, ordinal INTEGER NOT NULL, phase VARCHAR NOT NULL, file VARCHAR,
    start_ns BIGINT NOT NULL, end_ns BIGINT NOT NULL, first_line INTEGER, last_line INTEGER
  )`,
  `CREATE TABLE IF NOT EXISTS statement_times (
    run_id VARCHAR NOT NULL, file VARCHAR NOT NULL, start_line INTEGER NOT NULL, end_line INTEGER NOT NULL,
    phase VARCHAR NOT NULL, first_start_ns BIGINT, total_ns BIGINT, executions INTEGER
  )`,
  `CREATE OR REPLACE VIEW phase_breakdown AS
    SELECT run_id, phase, count(*) AS intervals, sum(end_ns - start_ns) AS wall_ns,
      round(100.0 * sum(end_ns - start_ns) / nullif(sum(sum(end_ns - start_ns)) OVER (PARTITION BY run_id), 0), 1) AS share_pct,
      min(start_ns) AS first_start_ns
    FROM phase_intervals GROUP BY run_id, phase`,
];
