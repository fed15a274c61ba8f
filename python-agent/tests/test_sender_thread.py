"""The sender thread as the program sees it (lifecycle/senderloop.py, senderthread.h). On 3.8-3.11 with
the C hook built it has no Python thread state between flushes: a program that asks, after the first
flush interval, which threads its interpreter has sees its own only, most of the time (a flush takes
about a millisecond of each 0.1 s interval), where a Python sender thread is always there:
_xxsubinterpreters.is_running(main) raised "interpreter has more than one thread" (CPython's
test__xxsubinterpreters / test_interpreters IsRunningTests.test_main failed traced on 3.8-3.11)."""
import unittest

from tests.support import AgentTestCase
from labtrace_agent.lifecycle.senderloop import native_driver
from labtrace_agent.config import Config

NATIVE = native_driver(Config({})) is not None

SAMPLES = '''\
import sys, time, _thread
try:
    import _xxsubinterpreters as interpreters
except ImportError:
    interpreters = None

def work(n):
    return sum(i * i for i in range(n))

alone = running = 0
for i in range(40):
    work(2000)
    time.sleep(0.01)
    alone += len(sys._current_frames()) == 1
    if interpreters is not None:
        try:
            running += bool(interpreters.is_running(interpreters.get_main()))
        except RuntimeError:
            pass
print(alone, running if interpreters is not None else -1, _thread._count())
'''

# a program that empties atexit: our exit flush never runs, and the sender thread, idle in C, must not
# ask for a thread state of an interpreter that is finalizing
NO_ATEXIT = '''\
import atexit, time
time.sleep(0.25)
atexit._clear()
print("done")
'''


@unittest.skipUnless(NATIVE, "the C sender thread is for 3.8-3.11 with the C hook built")
class CSenderThreadTest(AgentTestCase):
    def test_no_thread_state_between_flushes(self):
        self.write("samples.py", SAMPLES)
        p = self.run_script("samples.py")
        self.assertEqual(p.returncode, 0, p.stderr)
        alone, running, count = (int(x) for x in p.stdout.split())
        # the previous (Python) sender thread: 0 of 40 alone, is_running raised every time
        self.assertGreaterEqual(alone, 30, p.stdout)
        if running >= 0:  # (_xxsubinterpreters is there)
            self.assertGreaterEqual(running, 30, p.stdout)
        self.assertEqual(count, 0)
        run = self.single_run()
        # the run was flushed by that thread while the program ran (several batches), then ended
        self.assertGreaterEqual(len(run.batches), 2)  # (a run spooled at exit only: 1)
        self.assertIsNotNone(run.end)
        self.assertEqual(self.agent_log(), "")

    def test_program_without_atexit(self):
        self.write("no_atexit.py", NO_ATEXIT)
        for _ in range(5):
            p = self.run_script("no_atexit.py")
            self.assertEqual((p.returncode, p.stdout, p.stderr), (0, b"done\n", b""))


class SenderThreadTest(AgentTestCase):
    def test_flushes_while_the_program_runs(self):
        # whichever driver: batches are sent while the program runs, not only at exit
        self.write("samples.py", SAMPLES)
        plain = self.run_script("samples.py", agent=False)
        p = self.run_script("samples.py")
        self.assertEqual((p.returncode, p.stderr), (plain.returncode, plain.stderr))
        run = self.single_run()
        self.assertGreaterEqual(len(run.batches), 2)  # (a run spooled at exit only: 1)
        self.assertEqual(self.agent_log(), "")


if __name__ == "__main__":
    unittest.main()
