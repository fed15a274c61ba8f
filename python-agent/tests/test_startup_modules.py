"""Start-up cost (issue 10): what the agent imports before the program's first line, and its bytecode.

A traced program's first statement sees in sys.modules what an untraced one sees, plus the agent's own
modules and a few builtins: no `ast` (it imports re, enum, contextlib, collections, functools on 3.12+),
`re`, `enum`, `inspect`, `typing`, `types`, `weakref`, `select`, `socket`, ... (each a file to read and
Python code to run in every traced process, milliseconds together). And `make build` byte-compiles the
agent for every interpreter: with PYTHONDONTWRITEBYTECODE=1 (many Docker images) Python would
otherwise compile the agent from source in every traced process (+54..76 ms on 3.12)."""
import glob
import importlib.util
import os
import struct
import sys
import unittest

from tests.support import AGENT_DIR, AgentTestCase

# Modules the agent may add, besides labtrace_agent.* and its sitecustomize. Each is built into the
# interpreter (checked below: in sys.builtin_module_names, so no file is read and no Python code runs
# to import it):
#   atexit     - exithooks registers the final flush
#   errno      - config's error code for an unwritable home
#   _functools - threadstart's partial (3.8-3.10 load no _functools of their own before main)
#   _ast       - before 3.12: the record's map of the main module's top-level statements
#                (record.assignments), built at its first statement: the builtin parser module, not `ast`
#   _tokenize  - 3.12+: the same map from the C tokenizer (record/statement_tokens.py): creating _ast's
#                node types alone cost 8-13 M instructions (~5 ms), the largest item of start-up
ALLOWED = {"sitecustomize", "atexit", "errno", "_functools"} | ({"_tokenize"} if sys.version_info >= (3, 12) else {"_ast"})
HEAVY = ("ast", "re", "enum", "inspect", "typing", "dataclasses", "json", "hashlib", "socket", "select",
         "types", "weakref", "collections", "functools", "contextlib", "threading", "subprocess", "bisect",
         "struct", "tokenize", "linecache", "dis", "opcode", "logging", "pathlib", "datetime", "random")

# The experiment record's modules load at its first record call or once the program imports a library
# that makes record calls (record/callees.py, tests/test_record_lazy.py), not at start-up (~3 ms on 3.12).
RECORD = ("labtrace_agent.record.experiment", "labtrace_agent.record.trials", "labtrace_agent.record.searches",
          "labtrace_agent.record.datasets", "labtrace_agent.record.estimators", "labtrace_agent.record.metrics")

SCRIPT = """\
import sys
sys.stdout.write("\\n".join(sorted(sys.modules)))
"""


def agent_sources():
    paths = [os.path.join(AGENT_DIR, "sitecustomize.py")]
    paths.extend(sorted(glob.glob(os.path.join(AGENT_DIR, "labtrace_agent", "**", "*.py"), recursive=True)))
    return paths


def pyc_problem(source):
    """None when the interpreter would load source's .pyc as it is; otherwise why not."""
    pyc = importlib.util.cache_from_source(source)
    try:
        with open(pyc, "rb") as f:
            head = f.read(16)
    except OSError:
        return "missing"
    st = os.stat(source)
    if head[:4] != importlib.util.MAGIC_NUMBER:
        return "other magic number"
    flags, mtime, size = struct.unpack("<III", head[4:16])
    if flags & 1:
        return None  # hash-based (checked against the source's hash by the import system)
    if (mtime, size) != (int(st.st_mtime) & 0xFFFFFFFF, st.st_size & 0xFFFFFFFF):
        return "stale (source edited since it was compiled)"
    return None


class StartupModulesTest(AgentTestCase):
    def modules_at_main(self, agent):
        p = self.run_script("m.py", agent=agent)
        self.assertEqual((p.returncode, p.stderr), (0, b""))
        return set(p.stdout.decode().split("\n"))

    def test_agent_adds_only_its_own_modules_and_builtins(self):
        self.write("m.py", SCRIPT)
        untraced = self.modules_at_main(agent=False)
        traced = self.modules_at_main(agent=True)
        self.assertIn("labtrace_agent.agent", traced, "the agent did not start")
        self.assertEqual(self.agent_log(), "")
        added = set(m for m in traced - untraced if not m.startswith("labtrace_agent"))
        self.assertEqual(sorted(added & set(HEAVY)), [], "heavy modules imported before the program's main")
        self.assertEqual(sorted(added - ALLOWED), [], "modules the agent adds before the program's main")
        self.assertEqual(sorted(traced & set(RECORD)), [], "the record's modules imported before the program's main")
        for name in ALLOWED - {"sitecustomize"}:
            self.assertIn(name, sys.builtin_module_names)

    def test_agent_is_byte_compiled_for_this_python(self):
        problems = [(os.path.relpath(s, AGENT_DIR), pyc_problem(s)) for s in agent_sources()]
        problems = [p for p in problems if p[1] is not None]
        if os.environ.get("LABTRACE_REQUIRE_NATIVE") != "1":  # set by test/run-all.sh (make test, after make build)
            if len(problems) == len(agent_sources()):
                self.skipTest("no agent .pyc for this Python: checkout not built by `make build`")
            if problems and all(p[1].startswith("stale") for p in problems):
                self.skipTest("agent sources edited since `make build`: %s" % ", ".join(p[0] for p in problems))
        self.assertEqual(problems, [], "run `make build` (its pyc target)")


if __name__ == "__main__":
    unittest.main()
