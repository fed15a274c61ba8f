"""runs(), run() and query(): the client's three calls (see the package's docstring)."""
import re
import warnings

from labtrace import _results
from labtrace._errors import LabtraceError
from labtrace._home import Home
from labtrace._local import LocalStore
from labtrace._remote import Daemon

DEFAULT_MAX_ROWS = 1000000
DEFAULT_TIMEOUT_S = 60
STATUSES = ("running", "ok", "failed", "lost")


class _Session(object):
    """The daemon when one answers, else the store opened read-only (closed when the session ends)."""

    def __init__(self, home):
        self.home = Home(home)
        self.daemon = Daemon.find(self.home)
        self.local = None if self.daemon else LocalStore(self.home)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.local:
            self.local.close()

    def query(self, sql, params=None, output=None, max_rows=DEFAULT_MAX_ROWS, timeout_s=DEFAULT_TIMEOUT_S):
        source = self.daemon or self.local
        result, notice = source.query(sql, params, output, max_rows, timeout_s)
        if notice:
            warnings.warn("labtrace: " + notice, stacklevel=3)
        return result


def _check_params(params):
    if params is None:
        return []
    if isinstance(params, (str, bytes)) or not hasattr(params, "__iter__"):
        raise LabtraceError("BAD_ARGUMENT", "params must be a list of values for $1, $2..., got %r" % (params,))
    values = list(params)
    for v in values:
        if v is not None and not isinstance(v, (str, int, float, bool)):
            raise LabtraceError("BAD_ARGUMENT", "a parameter must be str, int, float, bool or None, got %r" % (v,))
    return values


def _positive_int(name, value, allow_none=False):
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise LabtraceError("BAD_ARGUMENT", "%s must be a positive integer, got %r" % (name, value))
    return value


def query(sql, params=None, output=None, max_rows=DEFAULT_MAX_ROWS, timeout_s=DEFAULT_TIMEOUT_S, home=None):
    """One read-only SQL statement against the trace store (docs/schema.md), `$1`, `$2`... bound to `params`.

    Returns a DataFrame / pyarrow Table / list of dicts (`output`: 'pandas', 'arrow', 'records').
    At most `max_rows` rows (a warning says when more existed); stopped after `timeout_s` seconds.
    """
    if not isinstance(sql, str):
        raise LabtraceError("BAD_ARGUMENT", "sql must be a string")
    params = _check_params(params)
    output = _results.choose(output)
    _positive_int("max_rows", max_rows)
    with _Session(home) as session:
        return session.query(sql, params, output, max_rows, timeout_s)


# A -c or REPL run that ran no code of the user's files: hidden as `labtrace runs` and `latest` hide it
# (NO_USER_CODE in analytics/reports/resolve-run.ts).
NO_USER_CODE = ("(r.kind = 'script' AND r.script IS NULL AND NOT EXISTS (SELECT 1 FROM code_objects c "
                "WHERE c.run_id = r.run_id AND c.is_user AND NOT starts_with(c.file, '<')))")
RUNS_SQL = """SELECT run_id, kind, coalesce(notebook_path, script) AS script, status, exit_code, started_at, ended_at,
  date_diff('millisecond', started_at, ended_at) / 1000.0 AS duration_s, python_version, backend, cwd, events_ingested
FROM runs r WHERE {where} ORDER BY started_at DESC NULLS LAST, run_id DESC {limit}"""


def runs(limit=20, status=None, all=False, output=None, home=None):
    """The latest traced runs, newest first: `limit` of them (None: all), only those of `status`
    ('running', 'ok', 'failed', 'lost', or a list of them) when given. Like `labtrace runs`, -c and
    REPL runs that ran no code of the user's files are left out unless `all=True`."""
    limit = _positive_int("limit", limit, allow_none=True)
    wanted = [status] if isinstance(status, str) else list(status or [])
    for s in wanted:
        if s not in STATUSES:
            raise LabtraceError("BAD_ARGUMENT", "status must be one of %s, got %r" % (", ".join(STATUSES), s))
    where = ["true" if all else "NOT " + NO_USER_CODE]
    if wanted:
        where.append("status IN (%s)" % ", ".join("$%d" % (i + 1) for i in range(len(wanted))))
    sql = RUNS_SQL.format(where=" AND ".join(where), limit="LIMIT %d" % limit if limit else "")
    output = _results.choose(output)
    with _Session(home) as session:
        return session.query(sql, wanted, output)


# One run's record, as `labtrace show` gathers it (analytics/reports/run-record.ts); each takes the run id as $1.
RECORD_SQL = {
    "parameters": "SELECT estimator, name, value, type, is_default, line, source FROM hyperparameters WHERE run_id = $1 ORDER BY source, estimator, t_ns, name",
    "metrics": "SELECT function, value, repr, line, source FROM metrics WHERE run_id = $1 ORDER BY t_ns, line",
    "files": """SELECT path, any_value(mode) AS mode, bool_or(is_write) AS write, max(size) AS size, any_value(sha256) AS sha256, min(line) AS line
       FROM file_accesses WHERE run_id = $1 GROUP BY path ORDER BY min(t_ns)""",
    "datasets": "SELECT name, line, type, shape, columns, fingerprint FROM variables WHERE run_id = $1 AND (len(columns) > 0 OR shape LIKE '(%') ORDER BY t_ns",
    "packages": """SELECT DISTINCT name, version FROM (SELECT name, version FROM run_distributions WHERE run_id = $1
       UNION SELECT distribution, version FROM imports WHERE run_id = $1 AND distribution IS NOT NULL AND distribution <> '') ORDER BY lower(name)""",
}
# Correlation tables: present once the daemon ran its analysis schema.
ANALYSIS_SQL = {
    "phases": "SELECT phase, round(wall_ns / 1e9, 3) AS wall_s, share_pct, intervals FROM phase_breakdown WHERE run_id = $1 ORDER BY first_start_ns",
    "timeline": "SELECT phase, round(start_ns / 1e9, 3) AS start_s, round(end_ns / 1e9, 3) AS end_s, first_line, last_line FROM phase_intervals WHERE run_id = $1 ORDER BY ordinal",
}
CELLS_SQL = """SELECT ordinal, execution_count, cell_index, started_at, duration_s, outcome, exception_type
FROM cell_executions WHERE run_id = $1 ORDER BY ordinal"""


class RunRecord(object):
    """One run: `info` (a dict: script, status, times, environment...) and, in the chosen output,
    `parameters`, `metrics`, `files`, `datasets`, `packages`, `phases`, `timeline` and `cells`."""

    def __init__(self, run_id, info, tables):
        self.run_id = run_id
        self.info = info
        for name, value in tables.items():
            setattr(self, name, value)

    def __repr__(self):
        return "<labtrace run %s %s %s>" % (self.run_id[:12], self.info.get("status"), self.info.get("notebook_path") or self.info.get("script"))


def _resolve(session, ref):
    wanted = (ref or "latest").strip()
    back = re.match(r"^latest(?:~(\d+))?$", wanted)
    if back:
        offset = int(back.group(1) or 0)
        found = session.query("SELECT run_id FROM runs r WHERE NOT %s ORDER BY started_at DESC NULLS LAST, run_id DESC LIMIT 1 OFFSET %d"
                              % (NO_USER_CODE, offset), output="records")
        if not found:
            raise LabtraceError("RUN_NOT_FOUND", "there is no run %s" % wanted if offset else "no run has been traced yet")
        return found[0]["run_id"]
    if not re.match(r"^[0-9a-f]{1,32}$", wanted):
        raise LabtraceError("RUN_NOT_FOUND", '"%s" is not a run id (hex, latest or latest~N)' % wanted, "list runs with: labtrace.runs()")
    found = session.query("SELECT run_id FROM runs WHERE starts_with(run_id, $1) ORDER BY run_id LIMIT 11", [wanted], output="records")
    if not found:
        raise LabtraceError("RUN_NOT_FOUND", "no run %s" % wanted, "list runs with: labtrace.runs()")
    if len(found) > 1:
        ids = ", ".join(r["run_id"][:12] for r in found[:10])
        raise LabtraceError("RUN_NOT_FOUND", "run id prefix %s is ambiguous: %s%s" % (wanted, ids, ", ..." if len(found) > 10 else ""), "type more characters of the id")
    return found[0]["run_id"]


def run(ref="latest", output=None, home=None):
    """One run's record (`ref`: a run id, a unique prefix of one, 'latest' or 'latest~N')."""
    output = _results.choose(output)
    with _Session(home) as session:
        run_id = _resolve(session, ref)
        info = session.query("SELECT r.*, date_diff('millisecond', started_at, ended_at) / 1000.0 AS duration_s FROM runs r WHERE run_id = $1",
                             [run_id], output="records")[0]
        present = set(r["table_name"] for r in session.query(
            "SELECT table_name FROM information_schema.tables WHERE table_name IN ('phase_breakdown', 'phase_intervals', 'cell_executions')", output="records"))
        tables = dict((name, session.query(sql, [run_id], output)) for name, sql in RECORD_SQL.items())
        for name, sql in ANALYSIS_SQL.items():
            tables[name] = session.query(sql, [run_id], output) if "phase_intervals" in present else _results.from_rows([], [], output)
        tables["cells"] = session.query(CELLS_SQL, [run_id], output) if "cell_executions" in present else _results.from_rows([], [], output)
        return RunRecord(run_id, info, tables)
