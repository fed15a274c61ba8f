"""A run that ends while its sender thread still waits for a busy daemon's answer to Hello (it holds
the agent's lock for up to HELLO_TIMEOUT) is spooled whole: every event and its RunEnd. It used to
go nowhere: finish() gave up waiting for the lock after 1 s and sent to a transport not started yet,
so the daemon had the run's Hello and nothing else (60 runs at once on a loaded machine lost dozens).
Also: sys.exit() in a thread ends that thread only, and the run's exit code stays the program's."""
import time
import unittest

from tests.support import AgentTestCase, FakeDaemon

SCRIPT = '''\
import sys, threading, time
def work(i):
    return i * 2
for i in range(5):
    work(i)
time.sleep(float(sys.argv[1]))
t = threading.Thread(target=sys.exit, args=(5,))
t.start()
t.join()
print("done")
if sys.argv[2] != "0":
    sys.exit(int(sys.argv[2]))
'''


class BusyDaemonTest(AgentTestCase):
    def test_run_ending_during_the_handshake_is_spooled_whole(self):
        daemon = FakeDaemon(hello_delay=2.5)
        daemon.write_home(self.home)
        self.write("s.py", SCRIPT)
        t0 = time.monotonic()
        p = self.run_script("s.py", args=("0.3", "3"))
        elapsed = time.monotonic() - t0
        self.assertEqual([list(m) for m in daemon.messages], [["hello"]])
        self.assertEqual((p.returncode, p.stdout, p.stderr), (3, b"done\n", b""))
        # the exit waited for the lock (1 s), not for the daemon's answer
        self.assertLess(elapsed, 2.5)
        run = self.single_run()
        self.assertIsNotNone(run.end, "RunEnd")
        self.assertEqual(run.end.get("exit_code", 0), 3)
        self.assertEqual(run.count("CALL", "work"), 5)
        self.assertEqual(run.end.get("events_recorded", 0), len(run.events))

    def test_sys_exit_in_a_thread_is_not_the_exit_code(self):
        self.write("s.py", SCRIPT)
        p = self.run_script("s.py", args=("0", "0"))
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, b"done\n", b""))
        self.assertEqual(self.single_run().end.get("exit_code", 0), 0)


if __name__ == "__main__":
    unittest.main()
