"""No daemon: the store opened read-only with the `duckdb` package, for one call, then closed.

Closed at once so a notebook never holds the file: a daemon starting later must get its lock. The
connection is read-only (DuckDB refuses every write), the rows are capped at `max_rows` and the query
is interrupted after `timeout_s`, as the daemon does.
"""
import os
import threading

from labtrace import _results
from labtrace._errors import LabtraceError


class LocalStore(object):
    def __init__(self, home):
        if not os.path.exists(home.database):
            raise LabtraceError("DAEMON_NOT_RUNNING", "the labtrace daemon is not running and there is no trace store yet (%s)" % home.database,
                                "start it with: labtrace daemon start")
        try:
            import duckdb
        except ImportError:
            raise LabtraceError("MISSING_PACKAGE", "the labtrace daemon is not running, and reading the store without it needs the duckdb package",
                                "pip install duckdb, or start the daemon: labtrace daemon start") from None
        self._duckdb = duckdb
        try:
            self.connection = duckdb.connect(home.database, read_only=True)
        except duckdb.Error as err:
            if "lock" in str(err).lower():
                raise LabtraceError("STORE_LOCKED", "the trace store %s is in use by another process and no daemon answers" % home.database,
                                    "if a daemon is starting, try again in a moment; labtrace daemon status") from None
            raise LabtraceError("STORE_UNREADABLE", "cannot open the trace store %s: %s" % (home.database, err)) from None

    def close(self):
        self.connection.close()

    def query(self, sql, params, output, max_rows, timeout_s):
        timer = threading.Timer(timeout_s, self.connection.interrupt)
        timer.daemon = True
        timer.start()
        try:
            result = self.connection.execute(sql, list(params or []))
            if _results.use_arrow(output):
                return self._arrow(result, output, max_rows)
            columns = [d[0] for d in result.description or []]
            rows = result.fetchmany(max_rows + 1)
            notice = _cut_notice(max_rows) if len(rows) > max_rows else None
            return _results.from_rows(columns, rows[:max_rows], output), notice
        except self._duckdb.Error as err:
            if not timer.is_alive():
                raise LabtraceError("QUERY_TIMEOUT", "the query was stopped after %s s (its time limit)" % timeout_s,
                                    "narrow it (WHERE, LIMIT, an aggregate) or allow more time: timeout_s=") from None
            message = str(err).split("\n")[0]
            if "read-only" in message.lower():
                raise LabtraceError("READ_ONLY_SQL", "refused: the query tried to write (%s)" % message,
                                    "the trace store is read-only to queries: SELECT, DESCRIBE, SHOW, SUMMARIZE (docs/query.md)") from None
            raise LabtraceError("BAD_SQL", message) from None
        finally:
            timer.cancel()

    def _arrow(self, result, output, max_rows):
        import pyarrow
        reader = result.fetch_record_batch(2048)
        batches, count, notice = [], 0, None
        for batch in reader:
            if count + batch.num_rows > max_rows:
                batches.append(batch.slice(0, max_rows - count))
                notice = _cut_notice(max_rows)
                break
            batches.append(batch)
            count += batch.num_rows
        return _results.from_arrow(pyarrow.Table.from_batches(batches, schema=reader.schema), output), notice


def _cut_notice(max_rows):
    return "the result was cut at %d rows (more rows exist): narrow the query, page with LIMIT/OFFSET, or raise max_rows" % max_rows
