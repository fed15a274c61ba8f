"""The agent's lazily loaded modules are made from code read at start-up (record/loadguard.py).

Since the record's modules load lazily (83d2335), an agent module imported after main opened its .pyc
then, from a program thread or the sender thread: a program's own audit hook saw that `open` at a random
moment (CPython's test_audit test_open, 3.12, flaky traced). The transport (sender thread) and the
experiment record (once the program imported sklearn, or at its first record call) now come from the
blob `make pyc` writes (native/build_codeblob.py), read before main: no open of an agent file and no
import event once the program runs."""
import os
import subprocess
import sys
import textwrap

from tests.support import AGENT_DIR, AgentTestCase, FAKEML, FakeDaemon

BUILD = os.path.join(AGENT_DIR, "native", "build_codeblob.py")

# The program's audit hook, installed at its first line, keeps every event naming an agent file or
# module; the program imports a library that makes record calls (the sender thread loads the record),
# waits for the sender's flushes (it connects: the transport), fits, and prints what its hook saw.
PROGRAM = """
import atexit, sys, time
seen = []

def hook(event, args):
    if event in ("open", "import", "os.listdir") and "labtrace_agent" in repr(args[:1]):
        seen.append((event, str(args[0])))

sys.addaudithook(hook)
import sklearn
from fakeml import Ridge
time.sleep(0.5)
Ridge(0.5).fit([1.0], [1.0])
time.sleep(0.3)
atexit.register(lambda: print(repr((sorted(set(seen)), "labtrace_agent.record.experiment" in sys.modules,
                                    "labtrace_agent.transport.transport" in sys.modules))))
"""


class LazyCodeTest(AgentTestCase):
    @classmethod
    def setUpClass(cls):
        # the blob for this interpreter, as `make pyc` writes it (the sources may have changed since)
        subprocess.run([sys.executable, BUILD], check=True, stdout=subprocess.PIPE)

    def setUp(self):
        AgentTestCase.setUp(self)
        self.env = {"PYTHONPATH": self.fake_packages((("fakeml", FAKEML), ("sklearn", "")))}

    def seen(self):
        self.write("m.py", PROGRAM)
        p = self.run_script("m.py", env=self.env)
        self.assertEqual((p.returncode, p.stderr), (0, b""))
        self.assertEqual(self.agent_log(), "")
        return p.stdout.decode().strip()

    def test_the_programs_audit_hook_sees_no_agent_module_loaded_daemon_down(self):
        self.assertEqual(self.seen(), repr(([], True, True)))
        fits = [h for b in self.single_run().batches for h in b.get("hyperparameters", [])]
        self.assertEqual([h.get("value") for h in fits], ["0.5"])  # the record works as before

    def test_the_programs_audit_hook_sees_no_agent_module_loaded_daemon_up(self):
        daemon = FakeDaemon()
        try:
            daemon.write_home(self.home)
            self.assertEqual(self.seen(), repr(([], True, True)))
        finally:
            daemon.close()

    def test_a_module_whose_source_changed_is_imported_from_its_source(self):
        # (stale entry: the blob's mtime no longer the source's) the module is imported as usual
        script = textwrap.dedent("""
            import sys
            from labtrace_agent.record import loadguard
            name = "labtrace_agent.record.metrics"
            entry = loadguard._entries[name]
            loadguard._entries[name] = (entry[0], entry[1] - 1) + entry[2:]
            m = loadguard.load(name)
            print(m is sys.modules[name], m.__spec__.loader.__class__.__name__, name in loadguard._entries)
            m = loadguard.load("labtrace_agent.record.trials")  # fresh: made from the blob
            print(m.__file__ == m.TrialTracker.__init__.__code__.co_filename, "labtrace_agent.record.trials" in loadguard._entries)
        """)
        p = subprocess.run([sys.executable, "-c", script], cwd=AGENT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertEqual(p.stderr, b"")
        self.assertEqual(p.stdout.decode().split(), ["True", "SourceFileLoader", "True", "True", "False"])


if __name__ == "__main__":
    import unittest
    unittest.main()
