"""A fork child's run starts with empty record buffers: what its parent recorded before the fork, and
had not sent yet, is sent by the parent only (record/hub.py after_fork_child). The child's copies of
the parent's buffers (variables, file accesses, hyper-parameters, metrics, data sets, trials) used to go
out in the child's run too, at its exit."""
import os
import unittest

from tests.support import AgentTestCase, FAKEML

METRICS = """
def accuracy_score(y_true, y_pred):
    return 0.75
"""

# Fits, scores, reads and writes a file and binds a variable right before os.fork(), inside a loop (an
# open trial), well within the first flush interval: nothing is sent yet. The child exits at once
# (normally: its final flush runs).
PROGRAM = """
import os, sys
from fakeml import Ridge
from sklearn.metrics import accuracy_score

with open("data.csv") as f:
    data = f.read()
with open("out.txt", "w") as f:
    f.write(data)
for alpha in (0.25,):
    Ridge(alpha).fit([1.0], [1.0])
    score = accuracy_score([1], [1])
    pid = os.fork()
    if pid == 0:
        sys.exit(0)
    os.waitpid(pid, 0)
"""


@unittest.skipUnless(hasattr(os, "fork"), "os.fork")
class ForkBuffersTest(AgentTestCase):
    def setUp(self):
        AgentTestCase.setUp(self)
        self.env = {"PYTHONPATH": self.fake_packages((("fakeml", FAKEML), ("sklearn", ""), ("sklearn/metrics", METRICS)))}

    def test_rows_recorded_before_the_fork_are_in_the_parents_run_only(self):
        self.write("data.csv", "a,b\n1,2\n")
        self.write("m.py", PROGRAM)
        p = self.run_script("m.py", env=self.env)
        self.assertEqual((p.returncode, p.stderr), (0, b""))
        self.assertEqual(self.agent_log(), "")
        runs = list(self.runs().values())
        parent = [r for r in runs if not r.hello.get("parent_run_id")]
        child = [r for r in runs if r.hello.get("parent_run_id")]
        self.assertEqual((len(parent), len(child)), (1, 1))
        self.assertEqual(child[0].hello["parent_run_id"], parent[0].run_id)
        self.assertIsNotNone(child[0].end)  # the child's run ended (its final flush ran)

        def rows(run, key, field):
            return sorted(str(r.get(field)) for b in run.batches for r in b.get(key, []))

        # the parent's run has each row once
        self.assertEqual(rows(parent[0], "metrics", "value"), ["0.75"])
        self.assertEqual(rows(parent[0], "hyperparameters", "value"), ["0.25"])
        self.assertEqual(len(rows(parent[0], "trials", "trial")), 1)
        paths = rows(parent[0], "file_accesses", "path")
        self.assertEqual([os.path.basename(x) for x in paths if not x.startswith("fakeml")], ["data.csv", "out.txt"])
        self.assertIn("score", rows(parent[0], "variables", "name"))
        # the child's run none of them
        for key in ("metrics", "hyperparameters", "trials", "file_accesses", "variables"):
            self.assertEqual(rows(child[0], key, "t"), [], key)


if __name__ == "__main__":
    unittest.main()
