"""The exit waits on a daemon that is up but does not answer for a small bound only (issue 10), and the
run it did not take reaches the spool whole. Measured from the program's last atexit handler (the
agent's final flush runs after it) to the process's end: it was 2 s (FINAL_BUDGET) for a daemon that
answered Hello but never a BatchAck, 1 s for one that never answered Hello (see test_busy_daemon.py for
what that run's spool holds)."""
import time
import unittest

from tests.support import AgentTestCase, FakeDaemon, spool_runs

SCRIPT = '''\
import atexit, sys, time
def work(i):
    return i * 2
for i in range(5):
    work(i)
time.sleep(float(sys.argv[1]))
work(5)
atexit.register(lambda: sys.stderr.write("%r\\n" % time.time()))
print("done")
'''
BOUND = 0.75  # seconds: agent.FINAL_BUDGET (0.3) plus interpreter teardown on a loaded machine


class ExitBoundTest(AgentTestCase):
    def exit_wait(self, daemon, sleep):
        daemon.write_home(self.home)
        self.addCleanup(daemon.close)
        self.write("s.py", SCRIPT)
        p = self.run_script("s.py", args=(str(sleep),))
        end = time.time()
        self.assertEqual((p.returncode, p.stdout), (0, b"done\n"))
        return end - float(p.stderr.decode().split()[-1])

    def test_daemon_that_never_acknowledges(self):
        # Hello answered, then silence: batches sent live stay unacknowledged
        daemon = FakeDaemon(ack_batches=0)
        waited = self.exit_wait(daemon, 0.35)
        self.assertLess(waited, BOUND)
        self.assertTrue([m for m in daemon.messages if "batch" in m], "nothing was sent live")
        runs = spool_runs(self.home)
        self.assertEqual(len(runs), 1)
        run = list(runs.values())[0]
        self.assertIsNotNone(run.end, "RunEnd")
        self.assertEqual(run.count("CALL", "work"), 6)
        self.assertEqual(run.end.get("events_recorded", 0), len(run.events))
        self.assertEqual(self.agent_log(), "")

    def test_daemon_that_never_answers_hello(self):
        daemon = FakeDaemon(hello_delay=5)
        waited = self.exit_wait(daemon, 0.3)
        self.assertLess(waited, BOUND)
        run = self.single_run()
        self.assertIsNotNone(run.end, "RunEnd")
        self.assertEqual(run.count("CALL", "work"), 6)


if __name__ == "__main__":
    unittest.main()
