"""Read labtrace's traces where you work: pandas, Arrow or plain Python.

    from labtrace import runs, run, query
    runs(limit=10, status="ok")          # the latest runs, newest first
    r = run("latest")                    # one run's record: r.parameters, r.metrics, r.files, r.phases...
    query("SELECT * FROM metrics WHERE value > $1", [0.9])

Each call asks the running daemon (loopback, the token of $LABTRACE_HOME) and, when no daemon runs,
opens the trace store read-only with the `duckdb` package. Results are pandas DataFrames when pandas
is installed, else pyarrow Tables when pyarrow is, else lists of dicts (`output=` chooses).

Stdlib only; pandas, pyarrow and duckdb are imported when a call needs them. Nothing of labtrace's
tracing agent imports this package: it is never loaded unless the program imports it.
"""
from labtrace._api import RunRecord, query, run, runs
from labtrace._errors import LabtraceError

__all__ = ["LabtraceError", "RunRecord", "query", "run", "runs"]
