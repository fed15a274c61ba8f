"""The experiment record's modules load when the record needs them (issue 10: start-up).

record/experiment.py and what it imports (trials, searches, estimators, metrics, datasets: ~3 ms on
3.12, `_ast` included) are not imported at start-up: the first record call loads them (in the thread
making it, inside the hook's callback), or the sender thread does once the program imported a library
that makes record calls (record/callees.py PRELOAD). A module half imported by one thread when another
forks would hang the child the first time it imports it: a fork waits while another thread loads them
(RecordHub.before_fork)."""
import os
import unittest

from tests.support import AgentTestCase, FAKEML

EXPERIMENT = "labtrace_agent.record.experiment"

# The program imports `which` (no record call), waits for a few of the sender's flushes, and prints
# whether the record's modules are loaded (from an atexit handler of its own: before the agent's exit).
IMPORT_AND_WAIT = """
import atexit, sys, time
import %s
loaded = [%r in sys.modules]
time.sleep(0.4)
loaded.append(%r in sys.modules)
atexit.register(lambda: print(loaded + [%r in sys.modules]))
"""

# Thread T makes the run's first record call and so loads the record's modules; the program's audit
# hook holds T inside one of those imports (the module half imported, its module lock held by T)
# while the main thread forks. The child makes a record call
# (importing the same modules) and exits.
FORK_DURING_LOAD = """
import os, sys, threading, time
from fakeml import Ridge

inside = threading.Event()

def hook(event, args):
    if event == "import" and args and args[0] == %r and threading.current_thread().name == "T":
        inside.set()
        time.sleep(0.5)

sys.addaudithook(hook)
t = threading.Thread(target=lambda: Ridge(1.0).fit([1.0], [1.0]), name="T")
t.start()
inside.wait(10)
pid = os.fork()
if pid == 0:
    Ridge(2.0).fit([1.0], [1.0])
    os._exit(7)
deadline = time.time() + 10
while time.time() < deadline:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        print("child exit", os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)
        break
    time.sleep(0.05)
else:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    print("child hung")
t.join()
"""


class RecordLazyTest(AgentTestCase):
    def setUp(self):
        AgentTestCase.setUp(self)
        self.env = {"PYTHONPATH": self.fake_packages((("fakeml", FAKEML), ("sklearn", "")))}

    def loaded(self, module):
        self.write("m.py", IMPORT_AND_WAIT % (module, EXPERIMENT, EXPERIMENT, EXPERIMENT))
        p = self.run_script("m.py", env=self.env)
        self.assertEqual((p.returncode, p.stderr), (0, b""))
        self.assertEqual(self.agent_log(), "")
        return p.stdout.decode().strip()

    def test_not_loaded_by_a_program_that_makes_no_record_call(self):
        self.assertEqual(self.loaded("fakeml"), "[False, False, False]")

    def test_loaded_by_the_sender_thread_once_the_program_imports_a_library_that_fits(self):
        self.assertEqual(self.loaded("sklearn"), "[False, True, True]")

    @unittest.skipUnless(hasattr(os, "fork"), "os.fork")
    def test_fork_while_another_thread_loads_them(self):
        for module in ("labtrace_agent.record.trials",):
            with self.subTest(module):
                import shutil
                shutil.rmtree(self.home, ignore_errors=True)
                self.write("f.py", FORK_DURING_LOAD % module)
                p = self.run_script("f.py", env=self.env, timeout=60)
                self.assertEqual(p.returncode, 0, p.stderr.decode())
                self.assertEqual(p.stdout.decode().strip(), "child exit 7")
                self.assertEqual(self.agent_log(), "")
                runs = list(self.runs().values())
                child = [r for r in runs if r.hello.get("parent_run_id")]
                parent = [r for r in runs if not r.hello.get("parent_run_id")]
                self.assertEqual((len(parent), len(child)), (1, 1))
                fits = [set(h.get("value", "") for b in r.batches for h in b.get("hyperparameters", [])) for r in (parent[0], child[0])]
                # the thread's fit in the parent's run, the child's in its own (the child's run starts
                # with empty buffers: tests/test_fork_buffers.py)
                self.assertEqual(fits[0], {"1.0"})
                self.assertEqual(fits[1], {"2.0"})


if __name__ == "__main__":
    unittest.main()
