"""A SIGTERM sent to a fork child right after fork() (Pool.terminate() on a worker just started) must
kill it as it would untraced. It reaches the child before CPython's after-fork signal reset, which
dropped it for good while our Python handler was installed: the child ran on, blocked forever (nearly
every fork in this test hung on the previous agent). The same in the other windows a fork may
hit (issue 8): an agent switched off in its own thread, two threads forking at once, a fork during the
final flush. The program holds CPython's import lock (`_imp.acquire_lock()`) to stop a fork inside
os.fork(), after the at-fork hooks took what they take and before the child exists."""
import os
import signal
import time

from tests.support import AgentTestCase

# Prints how a SIGTERMed child ended: its signal number, or "hung" (killed after 3 s).
REAP = '''\
import os, signal, time
def reap(pid):
    deadline = time.monotonic() + 3
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            print(os.WIFSIGNALED(status) and os.WTERMSIG(status))
            return
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            print("hung")
            return
        time.sleep(0.001)
'''

FORK_KILL = REAP + '''\
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
    reap(pid)
'''


class ForkSigtermTest(AgentTestCase):
    def test_sigterm_right_after_fork_kills_the_child(self):
        self.write("forkkill.py", FORK_KILL)
        plain = self.run_script("forkkill.py", agent=False)
        traced = self.run_script("forkkill.py")
        self.assertEqual(plain.stdout, b"15\n" * 10)
        self.assertEqual((traced.returncode, traced.stdout, traced.stderr), (0, plain.stdout, plain.stderr))
        self.assertEqual(self.agent_log(), "")

    def test_agent_switched_off_in_its_thread(self):
        # the sender thread cannot put SIG_DFL back: the handler stayed, without SIGTERM blocked
        # around forks (10 of 10 children hung on 3.13, 8 of 10 on 3.8)
        self.write("forkkill.py", "import time\ntime.sleep(0.5)\n" + FORK_KILL)
        traced = self.run_script("forkkill.py", env={"LABTRACE_TEST_FAIL": "sender"})
        self.assertEqual((traced.returncode, traced.stdout), (0, b"15\n" * 10), traced.stderr)
        self.assertIn("injected failure at sender", self.agent_log())

    def test_two_threads_forking_at_once(self):
        # the second fork waits 1 s for the first one's lock, then goes on: one saved mask for both,
        # a child kept SIGTERM blocked for good
        self.write("twoforks.py", TWO_FORKS)
        plain = self.run_script("twoforks.py", agent=False)
        traced = self.run_script("twoforks.py")
        self.assertEqual(plain.stdout, b"15\n15\n")
        self.assertEqual((traced.returncode, traced.stdout, traced.stderr), (0, plain.stdout, plain.stderr))
        self.assertEqual(self.agent_log(), "")

    def test_fork_during_the_final_flush(self):
        # the child inherited the parent's finish() in progress: our handler waited for its end
        # (traced only: untraced, the process exits at once and the fork never happens; the child
        # blocks in a lock, which SIGTERM's default action ends)
        self.write("exitfork.py", EXIT_FORK)
        p = self.run_script("exitfork.py")
        self.assertEqual((p.returncode, p.stderr), (0, b""))
        pid = _wait_pid_file(os.path.join(self.project, "child.pid"))
        os.kill(pid, signal.SIGTERM)
        self.assertTrue(_gone(pid, 3.0), "the child survived SIGTERM")
        self.assertEqual(self.agent_log(), "")


TWO_FORKS = REAP + '''\
import _imp, os, signal, threading, time, warnings
warnings.simplefilter("ignore")  # (3.12+: a fork with threads; the pid in it differs between runs)
time.sleep(0.5)  # the sender thread has connected (no import of ours while we hold the import lock)
held = threading.Event()
pids = []
def holder():
    _imp.acquire_lock()
    held.set()
    time.sleep(1.5)  # both forks wait inside os.fork(): one took our lock, the other gave up after 1 s
    _imp.release_lock()
def forker():
    held.wait()
    pid = os.fork()
    if pid == 0:
        lock = threading.Lock()
        lock.acquire()
        lock.acquire()
        os._exit(0)
    pids.append(pid)
    os.kill(pid, signal.SIGTERM)
threads = [threading.Thread(target=f) for f in (holder, forker, forker)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for pid in pids:
    reap(pid)
'''

EXIT_FORK = '''\
import _imp, os, threading, time, warnings
warnings.simplefilter("ignore")
time.sleep(0.5)  # the sender thread has connected (no import of ours while we hold the import lock)
held = threading.Event()
def holder():
    _imp.acquire_lock()
    held.set()
    time.sleep(0.8)  # the main thread exits meanwhile: the final flush waits for the fork's lock
    _imp.release_lock()
def forker():
    held.wait()
    if os.fork() == 0:
        fd = os.open(os.devnull, os.O_RDWR)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        with open("child.pid.tmp", "w") as f:
            f.write(str(os.getpid()))
        os.rename("child.pid.tmp", "child.pid")
        lock = threading.Lock()
        lock.acquire()
        lock.acquire()  # blocks until SIGTERM kills it
        os._exit(0)
threading.Thread(target=holder, daemon=True).start()
threading.Thread(target=forker, daemon=True).start()
held.wait()
time.sleep(0.3)
'''


def _wait_pid_file(path, limit=5.0):
    deadline = time.monotonic() + limit
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            raise AssertionError("no child.pid")
        time.sleep(0.01)
    with open(path) as f:
        return int(f.read())


def _gone(pid, limit):
    """The process (not our child: its parent exited) ended: no longer in /proc, or a zombie."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with open("/proc/%d/stat" % pid) as f:
                if f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                    return True
        except OSError:
            return True
        time.sleep(0.01)
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    return False
