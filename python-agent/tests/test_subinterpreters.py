"""Subinterpreters import `site`, hence our sitecustomize, again: the agent must stay inert there (an
agent started in a subinterpreter left its sender thread running and Py_EndInterpreter aborted the
process: "not the last thread", exit 134), while the main interpreter's run is recorded as usual."""
import sys
import unittest

from tests.support import AgentTestCase

try:
    import _testcapi  # noqa: F401
    HAS_TESTCAPI = True
except ImportError:
    HAS_TESTCAPI = False

SUBINTERP = '''\
import threading
import _testcapi

def work():
    return sum(range(10))

print(_testcapi.run_in_subinterp("x = 1"))
# a thread inside the subinterpreter, and a subinterpreter run from a thread of the main one
print(_testcapi.run_in_subinterp(
    "import threading\\nt = threading.Thread(target=print, args=('sub thread',))\\nt.start()\\nt.join()"))
out = []
t = threading.Thread(target=lambda: out.append(_testcapi.run_in_subinterp("import sys; sys.modules")))
t.start()
t.join()
print(out, work())
'''

# 3.12+: isolated (own GIL) and legacy interpreters of the low-level module (_interpreters on 3.13)
INTERPRETERS = '''\
try:
    import _interpreters as I
except ImportError:
    import _xxsubinterpreters as I

def create(isolated):
    if I.__name__ == "_interpreters":
        return I.create("isolated" if isolated else "legacy")
    return I.create(isolated=isolated)

for isolated in (True, False):
    iid = create(isolated)
    I.run_string(iid, "import threading; t = threading.Thread(target=print, args=('sub ok',)); t.start(); t.join()")
    I.destroy(iid)
print("end")
'''

RELOAD = '''\
import importlib  # (traced only: without the agent there may be no sitecustomize)
import sitecustomize
importlib.reload(sitecustomize)
print("reloaded")
'''


class SubinterpreterTest(AgentTestCase):
    def compare(self, name, source):
        self.write(name, source)
        plain = self.run_script(name, agent=False)
        traced = self.run_script(name, agent=True)
        self.assertEqual(plain.returncode, 0, plain.stderr)
        self.assertEqual(traced.returncode, plain.returncode, traced.stderr)
        self.assertEqual(traced.stdout, plain.stdout)
        self.assertEqual(traced.stderr, plain.stderr)
        self.assertEqual(self.agent_log(), "")
        return self.single_run()  # the main interpreter's run, and nothing from the subinterpreters

    @unittest.skipUnless(HAS_TESTCAPI, "needs _testcapi")
    def test_run_in_subinterp(self):
        run = self.compare("subinterp.py", SUBINTERP)
        self.assertEqual(run.end.get("exit_code", 0), 0)
        self.assertEqual(run.total_calls("work"), 1)
        self.assertIn(7, run.statements())

    @unittest.skipUnless(sys.version_info >= (3, 12), "isolated subinterpreters are 3.12+")
    def test_isolated_and_legacy_interpreters(self):
        try:
            __import__("_interpreters" if sys.version_info >= (3, 13) else "_xxsubinterpreters")
        except ImportError:
            self.skipTest("no low-level interpreters module")
        run = self.compare("interps.py", INTERPRETERS)
        self.assertEqual(run.end.get("exit_code", 0), 0)

    def test_sitecustomize_run_twice_starts_one_agent(self):
        self.write("reload.py", RELOAD)
        p = self.run_script("reload.py")
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, b"reloaded\n", b""))
        self.assertEqual(self.agent_log(), "")
        self.assertEqual(self.single_run().end.get("exit_code", 0), 0)


if __name__ == "__main__":
    unittest.main()
