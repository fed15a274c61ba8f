"""A SIGTERM sent to a fork child right after fork() (Pool.terminate() on a worker just started) must
kill it as it would untraced. It reaches the child before CPython's after-fork signal reset, which
dropped it for good while our Python handler was installed: the child ran on, blocked forever (nearly
every fork in this test hung on the previous agent)."""
from tests.support import AgentTestCase

FORK_KILL = '''\
import os, signal, threading, time
hung = 0
for i in range(10):
    pid = os.fork()
    if pid == 0:
        lock = threading.Lock()
        lock.acquire()
        lock.acquire()  # blocks forever unless SIGTERM kills it
        os._exit(0)
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 2
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            print(os.WIFSIGNALED(status) and os.WTERMSIG(status))
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            print("hung")
            break
        time.sleep(0.001)
'''


class ForkSigtermTest(AgentTestCase):
    def test_sigterm_right_after_fork_kills_the_child(self):
        self.write("forkkill.py", FORK_KILL)
        plain = self.run_script("forkkill.py", agent=False)
        traced = self.run_script("forkkill.py")
        self.assertEqual(plain.stdout, b"15\n" * 10)
        self.assertEqual((traced.returncode, traced.stdout, traced.stderr), (0, plain.stdout, plain.stderr))
        self.assertEqual(self.agent_log(), "")
