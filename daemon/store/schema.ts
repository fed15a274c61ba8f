/**
 * The DuckDB schema (documented for users in docs/schema.md). Events are stored with a small integer
 * run key instead of the 32-char run id: appending a string per event would halve ingest speed.
 * The `events` view puts the run id back for SQL users.
 */
export const SCHEMA_VERSION = 1;

export const EVENT_KIND_NAMES = ['unspecified', 'call', 'return', 'statement', 'lib_call', 'exception'] as const;

export const SCHEMA_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL)`,
  `CREATE SEQUENCE IF NOT EXISTS run_key_seq START 1`,
  `CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    run_key INTEGER NOT NULL UNIQUE,
    parent_run_id VARCHAR,
    script VARCHAR,
    script_sha256 VARCHAR,
    argv VARCHAR[],
    cwd VARCHAR,
    pid INTEGER,
    ppid INTEGER,
    hostname VARCHAR,
    os VARCHAR,
    cpu_model VARCHAR,
    cpu_count INTEGER,
    memory_bytes BIGINT,
    python_version VARCHAR,
    python_implementation VARCHAR,
    executable VARCHAR,
    backend VARCHAR,
    backend_reason VARCHAR,
    project_root VARCHAR,
    agent_version VARCHAR,
    monotonic_origin_ns BIGINT,
    started_at TIMESTAMP,
    ended_at TIMESTAMP,
    status VARCHAR NOT NULL,            -- running | ok | failed | lost
    exit_code INTEGER,
    end_reason VARCHAR,
    exception_type VARCHAR,
    exception_message VARCHAR,
    events_recorded BIGINT,
    events_dropped BIGINT,
    batches_spooled BIGINT,
    agent_cpu_ns BIGINT,
    events_ingested BIGINT NOT NULL DEFAULT 0,
    last_activity TIMESTAMP,
    record_ns BIGINT,
    record_reduced BIGINT,
    kind VARCHAR NOT NULL DEFAULT 'script',
    notebook_path VARCHAR,
    kernel_connection_file VARCHAR,
    parent_cell INTEGER                 -- the parent notebook run's cell execution (its ordinal) that started this run
  )`,
  // stores created before the record's budget (issue 10)
  `ALTER TABLE runs ADD COLUMN IF NOT EXISTS record_ns BIGINT`,
  `ALTER TABLE runs ADD COLUMN IF NOT EXISTS record_reduced BIGINT`,
  // stores created before notebooks (issue 12)
  `ALTER TABLE runs ADD COLUMN IF NOT EXISTS kind VARCHAR DEFAULT 'script'`,
  `ALTER TABLE runs ADD COLUMN IF NOT EXISTS notebook_path VARCHAR`,
  `ALTER TABLE runs ADD COLUMN IF NOT EXISTS kernel_connection_file VARCHAR`,
  `ALTER TABLE runs ADD COLUMN IF NOT EXISTS parent_cell INTEGER`,
  `CREATE TABLE IF NOT EXISTS batches (
    run_id VARCHAR NOT NULL,
    seq BIGINT NOT NULL,
    events INTEGER NOT NULL,
    source VARCHAR NOT NULL,            -- ws | spool
    ingested_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, seq)
  )`,
  `CREATE TABLE IF NOT EXISTS strings (run_id VARCHAR NOT NULL, id INTEGER NOT NULL, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS code_objects (
    run_id VARCHAR NOT NULL,
    code_id INTEGER NOT NULL,
    file VARCHAR,
    qualname VARCHAR,
    first_line INTEGER,
    is_user BOOLEAN,
    module VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS event_log (
    run_key INTEGER NOT NULL,
    kind UTINYINT NOT NULL,
    t_ns BIGINT NOT NULL,
    code_id INTEGER NOT NULL,
    line INTEGER NOT NULL,
    thread INTEGER NOT NULL,
    caller_id INTEGER NOT NULL,
    duration_ns BIGINT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS event_kinds (kind UTINYINT PRIMARY KEY, name VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS imports (
    run_id VARCHAR NOT NULL,
    module VARCHAR NOT NULL,
    file VARCHAR,
    distribution VARCHAR,
    version VARCHAR,
    t_ns BIGINT
  )`,
  `CREATE TABLE IF NOT EXISTS function_stats (
    run_id VARCHAR NOT NULL,
    code_id INTEGER NOT NULL,
    calls BIGINT NOT NULL,
    total_ns BIGINT NOT NULL,
    timed_calls BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, code_id)
  )`,
  `CREATE TABLE IF NOT EXISTS threads (run_id VARCHAR NOT NULL, thread INTEGER NOT NULL, name VARCHAR, ident UBIGINT)`,
  `CREATE TABLE IF NOT EXISTS exceptions (
    run_id VARCHAR NOT NULL,
    code_id INTEGER,
    line INTEGER,
    type VARCHAR,
    message VARCHAR,
    t_ns BIGINT
  )`,
  `CREATE TABLE IF NOT EXISTS resource_samples (
    run_id VARCHAR NOT NULL,
    sampled_at TIMESTAMP NOT NULL,
    cpu_percent DOUBLE,
    rss_bytes BIGINT
  )`,
  // Experiment record: data, variables, parameters, metrics, code and environment of each run.
  // source: audit | call | inferred (FileAccess.source); NULL from agents before it
  `CREATE TABLE IF NOT EXISTS file_accesses (
    run_id VARCHAR NOT NULL, path VARCHAR NOT NULL, mode VARCHAR, is_write BOOLEAN, size BIGINT, sha256 VARCHAR,
    hash_method VARCHAR, code_id INTEGER, line INTEGER, t_ns BIGINT, source VARCHAR
  )`,
  // stores created before observed file accesses (issue 11)
  `ALTER TABLE file_accesses ADD COLUMN IF NOT EXISTS source VARCHAR`,
  // kind: 'file', or 'dataset' (issue 11: a loader call such as sklearn.datasets.load_iris(...), sha256 of its arrays)
  `ALTER TABLE file_accesses ADD COLUMN IF NOT EXISTS kind VARCHAR DEFAULT 'file'`,
  `CREATE TABLE IF NOT EXISTS variables (
    run_id VARCHAR NOT NULL, name VARCHAR NOT NULL, code_id INTEGER, line INTEGER, type VARCHAR, shape VARCHAR,
    dtype VARCHAR, columns VARCHAR[], fingerprint VARCHAR, object_id UBIGINT, value VARCHAR, number DOUBLE, t_ns BIGINT
  )`,
  `CREATE TABLE IF NOT EXISTS hyperparameters (
    run_id VARCHAR NOT NULL, estimator VARCHAR, object_id UBIGINT, name VARCHAR NOT NULL, value VARCHAR, type VARCHAR,
    is_default BOOLEAN, code_id INTEGER, line INTEGER, t_ns BIGINT, source VARCHAR
  )`,
  // Trials (issue 11): parameters and metrics of one loop iteration or one search candidate (table trials)
  `ALTER TABLE hyperparameters ADD COLUMN IF NOT EXISTS trial_no INTEGER`,
  `CREATE TABLE IF NOT EXISTS metrics (
    run_id VARCHAR NOT NULL, function VARCHAR NOT NULL, value DOUBLE, repr VARCHAR, code_id INTEGER, line INTEGER, t_ns BIGINT,
    source VARCHAR NOT NULL DEFAULT 'return'
  )`,
  // name: the variable assigned (else the function's name; 'report.setosa.precision' for structured
  // values); arrays of scores: value = mean, with std and n
  `ALTER TABLE metrics ADD COLUMN IF NOT EXISTS name VARCHAR`,
  `ALTER TABLE metrics ADD COLUMN IF NOT EXISTS trial_no INTEGER`,
  `ALTER TABLE metrics ADD COLUMN IF NOT EXISTS std DOUBLE`,
  `ALTER TABLE metrics ADD COLUMN IF NOT EXISTS n INTEGER`,
  // One row per loop iteration that made record calls (kind 'loop') or search candidate (kind 'candidate');
  // params: JSON object; hyperparameters.trial_no and metrics.trial_no refer to trial_no
  `CREATE TABLE IF NOT EXISTS trials (
    run_id VARCHAR NOT NULL, trial_no INTEGER NOT NULL, kind VARCHAR NOT NULL, code_id INTEGER, line INTEGER, label VARCHAR,
    params JSON, parent_trial INTEGER, mean_score DOUBLE, std_score DOUBLE, rank INTEGER, t_ns BIGINT
  )`,
  // Code is stored content-addressed: one row per distinct content, however many runs used it.
  `CREATE TABLE IF NOT EXISTS source_blobs (sha256 VARCHAR PRIMARY KEY, size BIGINT, content BLOB)`,
  `CREATE TABLE IF NOT EXISTS run_sources (run_id VARCHAR NOT NULL, path VARCHAR NOT NULL, sha256 VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS run_distributions (run_id VARCHAR NOT NULL, name VARCHAR NOT NULL, version VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS run_environment (run_id VARCHAR NOT NULL, name VARCHAR NOT NULL, value VARCHAR, redacted BOOLEAN)`,
  `CREATE TABLE IF NOT EXISTS run_context (
    run_id VARCHAR PRIMARY KEY, git_commit VARCHAR, git_dirty BOOLEAN, git_branch VARCHAR, git_root VARCHAR, gpu VARCHAR, platform VARCHAR
  )`,
  // Notebook sessions (issue 12): one row per cell execution, its last known state (the agent sends it
  // when it starts, outcome 'running', and when it ends). t_start_ns/t_end_ns are on the events' clock.
  `CREATE TABLE IF NOT EXISTS cell_executions (
    run_id VARCHAR NOT NULL, ordinal INTEGER NOT NULL, execution_count INTEGER, cell_index INTEGER, cell_id VARCHAR,
    source_sha256 VARCHAR, cell_file VARCHAR, t_start_ns BIGINT, t_end_ns BIGINT, started_at TIMESTAMP, ended_at TIMESTAMP,
    duration_s DOUBLE, outcome VARCHAR NOT NULL, exception_type VARCHAR,
    PRIMARY KEY (run_id, ordinal)
  )`,
  `INSERT OR IGNORE INTO event_kinds VALUES (1, 'call'), (2, 'return'), (3, 'statement'), (4, 'lib_call'), (5, 'exception')`,
  // Views for SQL users: names instead of ids.
  `CREATE OR REPLACE VIEW events AS
    SELECT r.run_id, k.name AS kind, e.t_ns, e.code_id, e.line, e.thread, e.caller_id, e.duration_ns
    FROM event_log e JOIN runs r ON r.run_key = e.run_key JOIN event_kinds k ON k.kind = e.kind`,
  `CREATE OR REPLACE VIEW calls AS
    SELECT e.run_id, e.kind, e.t_ns, e.thread, c.file, c.qualname, c.first_line, e.duration_ns
    FROM events e JOIN code_objects c ON c.run_id = e.run_id AND c.code_id = e.code_id
    WHERE e.kind IN ('call', 'return')`,
  // The window runs over integer keys straight on event_log: partitioning by the 32-char run id was
  // most of the cost of a phase breakdown over all runs.
  `CREATE OR REPLACE VIEW statements AS
    SELECT r.run_id, c.file, s.line, s.t_ns, s.thread, s.duration_ns
    FROM (
      SELECT run_key, code_id, line, t_ns, thread,
        lead(t_ns) OVER (PARTITION BY run_key, thread ORDER BY t_ns) - t_ns AS duration_ns
      FROM event_log WHERE kind = 3
    ) s
    JOIN runs r ON r.run_key = s.run_key
    JOIN code_objects c ON c.run_id = r.run_id AND c.code_id = s.code_id`,
  `CREATE OR REPLACE VIEW library_calls AS
    SELECT e.run_id, e.t_ns, e.line AS call_line, caller.file AS caller_file, caller.qualname AS caller,
      callee.module AS callee_module, callee.qualname AS callee, e.duration_ns
    FROM events e
    JOIN code_objects callee ON callee.run_id = e.run_id AND callee.code_id = e.code_id
    LEFT JOIN code_objects caller ON caller.run_id = e.run_id AND caller.code_id = e.caller_id
    WHERE e.kind = 'lib_call'`,
  `CREATE OR REPLACE VIEW run_summary AS
    SELECT run_id, script, status, started_at, ended_at,
      date_diff('millisecond', started_at, ended_at) / 1000.0 AS duration_s,
      exit_code, python_version, backend, events_ingested, events_dropped, agent_cpu_ns / 1e6 AS agent_cpu_ms
    FROM runs`,
];
