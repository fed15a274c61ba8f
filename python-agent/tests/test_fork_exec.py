"""A fork child that execs before its hello (issue 12, lifecycle/forkexec.py): the program it execs is a
child of the forking run. The exec is seen through the C audit hook when it is built (issue 8): a fork
child (every multiprocessing / DataLoader fork worker) gets no Python audit hook of ours, which would be
a Python call for each of its audit events (pickle.find_class, compile, import...) for life."""
import json
import sys
import unittest

from tests.support import AgentTestCase

try:
    from labtrace_agent import _audithook  # noqa: F401
    AUDIT_BUILT = True
except ImportError:
    AUDIT_BUILT = False

# The fork child reports the Python audit hooks forkexec added (the references the interpreter's hook
# list holds on its _audit: the list itself is hidden from gc) and the C hook's active kinds, then execs
# a traced Python program.
FORK_EXEC = '''\
import json, os, sys
from labtrace_agent.lifecycle import forkexec
try:
    from labtrace_agent import _audithook
except ImportError:
    _audithook = None
before = sys.getrefcount(forkexec._audit)
pid = os.fork()
if pid == 0:
    c = _audithook.state() if _audithook is not None else {}
    mask = c.get("mask", 0) if c.get("callback") is not None else 0
    print(json.dumps([sys.getrefcount(forkexec._audit) - before, mask]), flush=True)
    os.execv(sys.executable, [sys.executable, "execed.py"])
os.waitpid(pid, 0)
'''
EXECED = '''\
import os
print("execed", os.environ.get("LABTRACE_PARENT_RUN_ID", "") != "")
'''


class ForkExecTest(AgentTestCase):
    def fork_exec(self, env=None):
        """([Python audit hooks forkexec added, C hook mask] in the fork child, forking run id, execed run's parent id)."""
        self.write("forkexec.py", FORK_EXEC)
        self.write("execed.py", EXECED)
        p = self.run_script("forkexec.py", env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = p.stdout.decode().splitlines()
        self.assertEqual(lines[1:], ["execed True"], p.stderr)
        self.assertEqual(self.agent_log(), "")
        runs = self.runs()
        forking = [r for r in runs.values() if r.hello["run"]["script"].endswith("forkexec.py")]
        execed = [r for r in runs.values() if r.hello["run"]["script"].endswith("execed.py")]
        self.assertEqual((len(forking), len(execed)), (1, 1), sorted(r.hello["run"]["script"] for r in runs.values()))
        return json.loads(lines[0]), forking[0].hello["run_id"], execed[0].hello.get("parent_run_id", "")

    @unittest.skipUnless(AUDIT_BUILT, "_audithook not built for this Python (make native)")
    def test_fork_child_sees_the_exec_through_the_c_hook(self):
        (python_hooks, mask), forking, parent = self.fork_exec()
        self.assertEqual((python_hooks, mask), (0, 0x3f))  # the file record's kinds and os.exec
        self.assertEqual(parent, forking)

    @unittest.skipUnless(AUDIT_BUILT, "_audithook not built for this Python (make native)")
    def test_without_the_record_the_child_installs_the_c_hook_for_exec_alone(self):
        (python_hooks, mask), forking, parent = self.fork_exec({"LABTRACE_RECORD": "0"})
        self.assertEqual((python_hooks, mask), (0, 1 << 5))
        self.assertEqual(parent, forking)

    def test_without_the_c_module_a_python_hook_fixes_the_exec(self):
        (python_hooks, mask), forking, parent = self.fork_exec({"LABTRACE_NATIVE": "0"})
        if sys.version_info >= (3, 12):
            self.assertEqual(python_hooks, 0)  # the file record's Python audit hook passes os.exec on
        else:
            self.assertEqual(python_hooks, 1)
        self.assertEqual(mask, 0)
        self.assertEqual(parent, forking)

if __name__ == "__main__":
    unittest.main()
