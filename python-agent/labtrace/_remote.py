"""Asking the running daemon: POST /v1/query on 127.0.0.1 with the home's token (docs/http.md).

With pyarrow the answer is an Arrow IPC stream (`Accept: application/vnd.apache.arrow.stream`) whose
row count, cut notice or late error come in HTTP trailers; without it, the JSON answer.
"""
import json

from labtrace import _results
from labtrace._errors import LabtraceError

ARROW_STREAM = "application/vnd.apache.arrow.stream"
PING_TIMEOUT_S = 1.5


def _http():
    import http.client

    class TrailerResponse(http.client.HTTPResponse):
        """Keeps the trailers of a chunked answer (http.client reads and drops them)."""
        trailers = None

        def _read_and_discard_trailer(self):
            self.trailers = {}
            while True:
                line = self.fp.readline(65537)
                if not line or line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                self.trailers[name.strip().lower()] = value.strip()

    class Connection(http.client.HTTPConnection):
        response_class = TrailerResponse

    return http.client, Connection


class Daemon(object):
    """A daemon that answered GET /v1/ping; `find` returns None when none runs."""

    def __init__(self, port, token):
        self.port = port
        self.token = token

    @classmethod
    def find(cls, home):
        port, token = home.port(), home.token()
        if not port or not token:
            return None
        daemon = cls(port, token)
        http_client, _ = _http()
        try:
            daemon._request("GET", "/v1/ping", None, PING_TIMEOUT_S)
        except (ConnectionError, http_client.HTTPException) as err:
            if isinstance(err, ConnectionError):
                return None  # refused: no daemon on that port (a stale port file)
            raise
        except OSError as err:
            import socket
            if isinstance(err, socket.timeout):
                raise LabtraceError("DAEMON_BUSY", "the labtrace daemon on port %d did not answer within %.1f s" % (port, PING_TIMEOUT_S),
                                    "try again in a moment: it owns the trace store while it runs")
            return None
        return daemon

    def _request(self, method, path, body, timeout, accept=None):
        _, Connection = _http()
        conn = Connection("127.0.0.1", self.port, timeout=timeout)
        try:
            headers = {"Authorization": "Bearer " + self.token}
            payload = None
            if body is not None:
                payload = json.dumps(body).encode("utf-8")
                headers["Content-Type"] = "application/json"
            if accept:
                headers["Accept"] = accept
            conn.request(method, path, payload, headers)
            resp = conn.getresponse()
            data = resp.read()
            ctype = resp.getheader("content-type", "")
            if resp.status != 200:
                raise _error_of(data, resp.status)
            return ctype, data, resp.trailers or {}
        finally:
            conn.close()

    def query(self, sql, params, output, max_rows, timeout_s):
        body = {"sql": sql, "params": list(params or []), "max_rows": max_rows, "timeout_s": timeout_s}
        arrow = _results.use_arrow(output)
        http_client, _ = _http()
        try:
            ctype, data, trailers = self._request("POST", "/v1/query", body, timeout_s + 60, ARROW_STREAM if arrow else None)
        except OSError as err:
            import socket
            if isinstance(err, socket.timeout):
                raise LabtraceError("DAEMON_BUSY", "the daemon on port %d did not answer within %d s" % (self.port, timeout_s + 60), "it is busy; try again in a moment") from None
            raise LabtraceError("DAEMON_NOT_RUNNING", "the daemon on port %d went away during the query (%s)" % (self.port, err), "labtrace daemon status") from None
        except http_client.HTTPException as err:
            raise LabtraceError("INTERNAL", "the daemon's answer was cut short (%s)" % err, "the daemon log says more (labtrace daemon status)") from None
        if ctype.startswith(ARROW_STREAM):
            if "labtrace-error" in trailers:
                raise _error_from(json.loads(trailers["labtrace-error"]))
            import pyarrow.ipc
            table = pyarrow.ipc.open_stream(data).read_all()
            summary = json.loads(trailers.get("labtrace-summary", "{}"))
            return _results.from_arrow(table, output), summary.get("notice")
        answer = json.loads(data.decode("utf-8"))
        if "error" in answer:
            raise _error_from(answer["error"])
        return _results.from_rows(answer["columns"], answer["rows"], output), answer.get("notice")


def _error_from(e):
    return LabtraceError(e.get("code", "INTERNAL"), e.get("message", "the daemon failed"), e.get("hint"))


def _error_of(data, status):
    try:
        return _error_from(json.loads(data.decode("utf-8"))["error"])
    except (ValueError, KeyError, TypeError):
        return LabtraceError("INTERNAL", "the daemon answered HTTP %d" % status)
