"""Shared fixtures for the agent tests: run scripts under the agent, decode spool files."""
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

AGENT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if AGENT_DIR not in sys.path:
    sys.path.insert(0, AGENT_DIR)

from labtrace_agent.transport.wiredecode import decode, iter_delimited  # noqa: E402
from labtrace_agent.transport import schema  # noqa: E402

KIND_NAMES = {schema.CALL: "CALL", schema.RETURN: "RETURN", schema.STATEMENT: "STATEMENT",
              schema.LIB_CALL: "LIB_CALL", schema.EXCEPTION: "EXCEPTION"}
HAS_MONITORING = sys.version_info >= (3, 12)

# A scikit-learn-like estimator for a fake `sklearn` package on a test program's path (a record call
# without scikit-learn: 3.12+ and the bare interpreters have none).
FAKEML = """
class Ridge(object):
    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def get_params(self, deep=True):
        return {"alpha": self.alpha}

    def fit(self, X, y):
        return self
"""

# A suite started in the background (nohup, `cmd &`) inherits SIGINT ignored, and an ignored
# disposition survives exec: every program the tests run would get no KeyboardInterrupt.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# This Python's C hook module (the profile hook below 3.12, the monitoring guard from 3.12) and
# whether `make native` built it here.
NATIVE_MODULE = "_profilehook" if sys.version_info < (3, 12) else "_monitorhook"
try:
    __import__("labtrace_agent." + NATIVE_MODULE)
    NATIVE_BUILT = True
except ImportError:
    NATIVE_BUILT = False


def clean_env(home=None, **extra):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("LABTRACE_") or k in ("PYTHONPATH", "COVERAGE_PROCESS_START"):
            del env[k]
    if home is not None:
        env["LABTRACE_HOME"] = home
    env.update(extra)
    return env


class Run(object):
    """One decoded run from a spool file."""

    def __init__(self, messages):
        self.messages = messages
        self.hello = messages[0]["hello"]
        self.run_id = self.hello["run_id"]
        self.batches = [m["batch"] for m in messages if "batch" in m]
        ends = [m["end"] for m in messages if "end" in m]
        self.end = ends[-1] if ends else None
        self.strings = {0: ""}
        self.codes = {}
        self.imports = []
        self.events = []
        self.stats = {}
        self.exceptions = []
        self.threads = []
        for b in self.batches:
            base = b.get("string_base", 0)
            for i, s in enumerate(b.get("strings", [])):
                self.strings[base + i] = s
            for c in b.get("code_objects", []):
                self.codes[c.get("id", 0)] = c
            self.imports.extend(b.get("imports", []))
            t = 0
            cols = [b.get(k, []) for k in ("kind", "t_delta", "code_id", "line", "thread", "caller_id", "duration")]
            for kind, td, cid, line, th, caller, dur in zip(*cols):
                t += td
                self.events.append((KIND_NAMES.get(kind, kind), t, cid, line, th, caller, dur))
            for s in b.get("function_stats", []):
                self.stats[s.get("code_id", 0)] = s
            self.exceptions.extend(b.get("exceptions", []))
            self.threads.extend(b.get("threads", []))

    def s(self, i):
        return self.strings.get(i, "?%d" % i)

    def qualname(self, cid):
        c = self.codes.get(cid)
        return self.s(c.get("qualname", 0)) if c else "?"

    def module(self, cid):
        c = self.codes.get(cid)
        return self.s(c.get("module", 0)) if c else "?"

    def code_by_name(self, qualname):
        return [cid for cid, c in self.codes.items() if self.s(c.get("qualname", 0)) == qualname]

    def count(self, kind, qualname=None):
        ids = set(self.code_by_name(qualname)) if qualname else None
        return sum(1 for e in self.events if e[0] == kind and (ids is None or e[2] in ids))

    def total_calls(self, qualname):
        """Streamed CALL events, or the FunctionStats count when the function went hot."""
        n = 0
        for cid in self.code_by_name(qualname):
            st = self.stats.get(cid)
            n += st.get("calls", 0) if st else sum(1 for e in self.events if e[0] == "CALL" and e[2] == cid)
        return n

    def statements(self, module="__main__"):
        ids = set(cid for cid in self.code_by_name("<module>") if self.module(cid) == module)
        return sorted(set(e[3] for e in self.events if e[0] == "STATEMENT" and e[2] in ids))

    def lib_calls(self):
        return [(self.module(e[2]), self.qualname(e[2]), e[3], e[5], e[6]) for e in self.events if e[0] == "LIB_CALL"]

    def import_names(self):
        return [self.s(i.get("module", 0)) for i in self.imports]


def line_of(source, text, start=1):
    """1-based line number of the first line of source containing text."""
    for i, ln in enumerate(source.splitlines(), 1):
        if i >= start and text in ln:
            return i
    raise ValueError(text)


def read_spool(path):
    """Messages of a spool file; a .partial file (writer killed) may end in a truncated record."""
    with open(path, "rb") as f:
        data = f.read()
    out = []
    try:
        for m in iter_delimited(data):
            out.append(decode("AgentMessage", m))
    except ValueError:
        if not path.endswith(".partial"):
            raise
    return out


def spool_runs(home):
    """All runs spooled in home, keyed by run id (a run may span several spool files)."""
    runs = {}
    for path in sorted(glob.glob(os.path.join(home, "spool", "*.spool*"))):
        msgs = read_spool(path)
        if not msgs:
            continue
        rid = msgs[0]["hello"]["run_id"]
        runs.setdefault(rid, []).extend(msgs)
    return dict((rid, Run(m)) for rid, m in runs.items())


class AgentTestCase(unittest.TestCase):
    """Writes scripts to a temp project dir and runs them with/without the agent."""

    python = sys.executable

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="labtrace-test-")
        self.home = os.path.join(self.tmp, "home")
        self.project = os.path.join(self.tmp, "proj")
        os.makedirs(self.project)

    def tearDown(self):
        for root, dirs, _files in os.walk(self.tmp):
            for d in dirs:
                try:
                    os.chmod(os.path.join(root, d), 0o700)
                except OSError:
                    pass
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, source):
        path = os.path.join(self.project, name)
        d = os.path.dirname(path)
        if not os.path.isdir(d):
            os.makedirs(d)
        with open(path, "w") as f:
            f.write(textwrap.dedent(source))
        return path

    def fake_packages(self, packages):
        """Writes packages ((dotted-as-path name, __init__ source), ...) under a new directory and
        returns the PYTHONPATH that puts the agent and them on a test program's path."""
        lib = os.path.join(self.tmp, "lib")
        for pkg, src in packages:
            os.makedirs(os.path.join(lib, pkg))
            with open(os.path.join(lib, pkg, "__init__.py"), "w") as f:
                f.write(textwrap.dedent(src))
        return AGENT_DIR + os.pathsep + lib

    def run_script(self, name, agent=True, env=None, args=(), timeout=60, input=None):
        e = clean_env(self.home)
        if agent:
            e["PYTHONPATH"] = AGENT_DIR
        if env:
            e.update(env)
        p = subprocess.run([self.python, name] + list(args), cwd=self.project, env=e, timeout=timeout,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, input=input)
        return p

    def runs(self):
        return spool_runs(self.home)

    def single_run(self):
        runs = self.runs()
        self.assertEqual(len(runs), 1, "expected one run, got %d" % len(runs))
        return list(runs.values())[0]

    def agent_log(self):
        try:
            with open(os.path.join(self.home, "agent.log")) as f:
                return f.read()
        except OSError:
            return ""


# -- a small stdlib fake daemon (WebSocket server side) ---------------------------------------------
import socket  # noqa: E402
import threading  # noqa: E402

from labtrace_agent.transport.encoder import encode  # noqa: E402
from labtrace_agent.transport.websocket import accept_key, mask_payload  # noqa: E402


def server_frame(opcode, payload, fin=True):
    """Unmasked server -> client frame."""
    n = len(payload)
    head = bytearray([(0x80 if fin else 0) | opcode])
    if n < 126:
        head.append(n)
    elif n < 65536:
        head.append(126)
        head += n.to_bytes(2, "big")
    else:
        head.append(127)
        head += n.to_bytes(8, "big")
    return bytes(head) + payload


def read_exact(conn, n, buf):
    while len(buf[0]) < n:
        chunk = conn.recv(65536)
        if not chunk:
            raise EOFError
        buf[0] += chunk
    data, buf[0] = buf[0][:n], buf[0][n:]
    return data


def read_client_frame(conn, buf):
    """(fin, opcode, payload, was_masked) of one client frame."""
    b0, b1 = read_exact(conn, 2, buf)
    n = b1 & 0x7F
    if n == 126:
        n = int.from_bytes(read_exact(conn, 2, buf), "big")
    elif n == 127:
        n = int.from_bytes(read_exact(conn, 8, buf), "big")
    masked = bool(b1 & 0x80)
    mask = read_exact(conn, 4, buf) if masked else None
    payload = read_exact(conn, n, buf) if n else b""
    if masked:
        payload = mask_payload(mask, payload)
    return bool(b0 & 0x80), b0 & 0x0F, payload, masked


def _send_quietly(conn, frame):
    try:
        conn.sendall(frame)
    except OSError:
        pass


class FakeDaemon(object):
    """Accepts agent connections on 127.0.0.1, checks the bearer token, answers Ack / BatchAck.

    ack_batches: how many EventBatch/RunEnd messages get a BatchAck (None = all).
    drop_after: close the TCP connection after this many messages (None = never).
    hello_delay: seconds before Hello is answered (a busy daemon).
    ack_delay: seconds before each BatchAck is sent (a daemon whose commits are slow; frames keep being read).
    """

    def __init__(self, token="t" * 64, ack_batches=None, drop_after=None, hello_delay=0, ack_delay=0):
        self.token = token
        self.hello_delay = hello_delay
        self.ack_delay = ack_delay
        self.closed_connections = 0
        self.ack_batches = ack_batches
        self.drop_after = drop_after
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.messages = []       # decoded AgentMessages, in arrival order
        self.requests = []       # raw HTTP upgrade requests
        self.unmasked = 0
        self.stopped = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def write_home(self, home):
        if not os.path.isdir(home):
            os.makedirs(home)
        with open(os.path.join(home, "daemon.port"), "w") as f:
            f.write("%d\n" % self.port)
        with open(os.path.join(home, "token"), "w") as f:
            f.write(self.token + "\n")

    def _serve(self):
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        buf = [b""]
        try:
            while b"\r\n\r\n" not in buf[0]:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                buf[0] += chunk
            head, buf[0] = buf[0].split(b"\r\n\r\n", 1)
            self.requests.append(head)
            lines = head.decode("latin-1").split("\r\n")
            headers = dict((k.strip().lower(), v.strip()) for k, v in
                           (ln.split(":", 1) for ln in lines[1:] if ":" in ln))
            if not lines[0].startswith("GET /agent ") or headers.get("authorization") != "Bearer " + self.token:
                conn.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")
                return
            conn.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Accept: %s\r\n\r\n" % accept_key(headers["sec-websocket-key"])).encode())
            count = 0
            acked = 0
            while True:
                fin, op, payload, masked = read_client_frame(conn, buf)
                if not masked:
                    self.unmasked += 1
                if op == 8:
                    conn.sendall(server_frame(8, payload[:2]))
                    return
                if op != 2:
                    continue
                msg = decode("AgentMessage", payload)
                self.messages.append(msg)
                count += 1
                if "hello" in msg:
                    time.sleep(self.hello_delay)
                    reply = {"ack": {"protocol_version": 1, "run_id": msg["hello"]["run_id"]}}
                    conn.sendall(server_frame(2, encode("DaemonMessage", reply)))
                else:
                    body = msg.get("batch") or msg.get("end")
                    if self.ack_batches is None or acked < self.ack_batches:
                        acked += 1
                        reply = {"batch_ack": {"seq": body.get("seq", 0)}}
                        frame = server_frame(2, encode("DaemonMessage", reply))
                        if self.ack_delay:
                            threading.Timer(self.ack_delay, _send_quietly, (conn, frame)).start()
                        else:
                            conn.sendall(frame)
                if self.drop_after is not None and count >= self.drop_after:
                    return
        except (EOFError, OSError):
            return
        finally:
            self.closed_connections += 1
            try:
                conn.close()  # (a delayed ack still to come: sendall raises OSError, see _send_quietly)
            except OSError:
                pass

    def close(self):
        self.stopped = True
        try:
            self.sock.close()
        except OSError:
            pass
