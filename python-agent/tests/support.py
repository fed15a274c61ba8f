"""Shared fixtures for the agent tests: run scripts under the agent, decode spool files."""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

AGENT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if AGENT_DIR not in sys.path:
    sys.path.insert(0, AGENT_DIR)

from labtrace_agent.wiredecode import decode, iter_delimited  # noqa: E402
from labtrace_agent import schema  # noqa: E402

KIND_NAMES = {schema.CALL: "CALL", schema.RETURN: "RETURN", schema.STATEMENT: "STATEMENT",
              schema.LIB_CALL: "LIB_CALL", schema.EXCEPTION: "EXCEPTION"}
HAS_MONITORING = sys.version_info >= (3, 12)


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

    def statements(self, module_qualname="<module>"):
        ids = set(self.code_by_name(module_qualname))
        return sorted(set(e[3] for e in self.events if e[0] == "STATEMENT" and e[2] in ids))

    def lib_calls(self):
        return [(self.module(e[2]), self.qualname(e[2]), e[3], e[5], e[6]) for e in self.events if e[0] == "LIB_CALL"]

    def import_names(self):
        return [self.s(i.get("module", 0)) for i in self.imports]


def read_spool(path):
    with open(path, "rb") as f:
        data = f.read()
    return [decode("AgentMessage", m) for m in iter_delimited(data)]


def spool_runs(home):
    """All runs spooled in home, keyed by run id (a run may span several spool files)."""
    runs = {}
    for path in sorted(glob.glob(os.path.join(home, "spool", "*.spool*"))):
        msgs = read_spool(path)
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
