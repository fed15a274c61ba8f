"""The agent's file descriptors stay out of the program's way: none at all while the run is younger
than the first flush interval (CPython's test_subprocess test_pass_fds_redirected lists a child's
fds at start and found the agent's wakeup pipe, 256 and 257), afterwards only close-on-exec ones at
256 and above (the wakeup pipe, the daemon socket; the spool file is open only while written), none
left once the agent is switched off, and never one in a child started with close_fds=False."""

from tests import test_transparency
from tests.support import AgentTestCase, FakeDaemon

LIST_FDS = '''\
import os
def fds():
    out = []
    for name in sorted(os.listdir("/proc/self/fd"), key=int):
        fd = int(name)
        try:
            os.fstat(fd)  # (the listing's own descriptor is gone by now)
        except OSError:
            continue
        out.append("%d%s" % (fd, "" if os.get_inheritable(fd) else "c"))
    return out
'''

AT_START = LIST_FDS + 'print(fds())\n'

# past several flush intervals (the agent has armed its pipe and connected or spooled by then)
LATER = LIST_FDS + '''\
import sys, time
start = fds()
time.sleep(0.6)
new = [fd for fd in fds() if fd not in start]
# --show: the daemon's socket too, which a loaded machine may connect later than 0.6 s
deadline = time.time() + 10
while "--show" in sys.argv and len(new) < 3 and time.time() < deadline:
    time.sleep(0.05)
    new = [fd for fd in fds() if fd not in start]
print(start)
print(new if "--show" in sys.argv else [fd for fd in new if not (fd.endswith("c") and int(fd[:-1]) >= 256)])
'''

# What a program's audit hook sees of the agent's own file opens while the sender thread spools every
# 0.1 s: nothing (it saw the spool file, the script read for its hash, /proc files, daemon.port).
AUDIT_OPENS = '''\
import sys, time
seen = []
def hook(event, args):
    if event == "open":
        seen.append(str(args[0]))
sys.addaudithook(hook)
stop = time.monotonic() + 0.6
n = 0
while time.monotonic() < stop:
    n += 1
    if n % 2000 == 0:  # new code objects: events for every flush to write
        exec(compile("def f%d():\\n    return %d\\nf%d()\\n" % (n, n, n), __file__, "exec"))
print(sorted(set(seen)))
'''

CHILD = LIST_FDS + '''\
import subprocess, sys, time
time.sleep(0.6)
src = open(__file__).read().split("import subprocess")[0] + "print(fds())"
r = subprocess.run([sys.executable, "-c", src], close_fds=False, stdout=subprocess.PIPE)
print(r.stdout.decode().strip(), r.returncode)
'''


class AgentFdsTest(AgentTestCase):
    def same_as_untraced(self, name, source, args=(), env=None):
        self.write(name, source)
        plain = self.run_script(name, agent=False, args=args, env=env)
        traced = self.run_script(name, agent=True, args=args, env=env)
        self.assertEqual(plain.returncode, 0, plain.stderr)
        self.assertEqual((traced.returncode, traced.stdout, traced.stderr), (0, plain.stdout, plain.stderr))
        self.assertEqual(self.agent_log(), "")
        return traced.stdout.decode()

    def test_agent_file_opens_raise_no_audit_event(self):
        # (lifecycle/fds.open_high: opened in C with the GIL held, so no program thread runs while our
        # file has a low number either; os.open released it for the system call)
        self.assertEqual(self.same_as_untraced("opens.py", AUDIT_OPENS).strip(), "[]")

    def test_no_agent_fd_at_start(self):
        self.same_as_untraced("start.py", AT_START)
        self.assertEqual(self.single_run().end.get("exit_code", 0), 0)

    def test_later_only_high_cloexec_fds_spooling(self):
        self.same_as_untraced("later.py", LATER)
        self.assertEqual(len(self.runs()), 1)

    def test_later_only_high_cloexec_fds_with_daemon(self):
        daemon = FakeDaemon()
        try:
            daemon.write_home(self.home)
            out = self.same_as_untraced("later.py", LATER)
            shown = self.run_script("later.py", args=("--show",))
        finally:
            daemon.close()
        self.assertIn("[]", out)
        new = eval(shown.stdout.decode().splitlines()[1])
        # the wakeup pipe and the socket, all of them at 256 and above, close-on-exec
        self.assertEqual(len(new), 3, new)
        self.assertTrue(any(m.get("end") for m in daemon.messages))

    def test_child_with_close_fds_false_sees_no_agent_fd(self):
        # the child is traced too: neither its parent's agent nor its own shows up in its listing
        self.same_as_untraced("child.py", CHILD)
        self.assertEqual(len(self.runs()), 2)

    def test_agent_switched_off_leaves_no_fd(self):
        self.write("off.py", LIST_FDS + 'import time\ntime.sleep(0.6)\nprint(fds())\n')
        env = {"LABTRACE_TEST_FAIL": "sender"}  # switched off by its sender thread, at the first flush
        plain = self.run_script("off.py", agent=False, env=env)
        traced = self.run_script("off.py", env=env)
        self.assertEqual((traced.returncode, traced.stdout, traced.stderr), (0, plain.stdout, b""))
        self.assertIn("agent switched off in sender", self.agent_log())
        self.assertIn("(at config.py:", self.agent_log())  # where in the agent it was raised

    def test_program_keeps_its_own_wakeup_fd(self):
        # asyncio owns the wakeup fd: arming our pipe later must give it back (and its signals)
        out = self.same_as_untraced("aio.py", '''\
import asyncio, os, signal, time

async def main():
    loop = asyncio.get_running_loop()
    got = loop.create_future()
    loop.add_signal_handler(signal.SIGUSR1, got.set_result, "usr1")
    time.sleep(0.4)  # blocking: the agent arms meanwhile (or, 3.8-3.9, right after)
    await asyncio.sleep(0.2)
    os.kill(os.getpid(), signal.SIGUSR1)
    print(await asyncio.wait_for(got, 5))
    print(signal.set_wakeup_fd(-1) == loop._csock.fileno())

asyncio.run(main())
''')
        self.assertEqual(out, "usr1\nTrue\n")

    def test_sigterm_once_the_pipe_is_armed(self):
        # as test_transparency's swallowed-SIGTERM test, the signal coming after the first flush interval
        test_transparency.TransparencyTest._sigterm_after_ready(self, "blocked_later.py", '''\
import signal, threading, time
time.sleep(0.5)
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM])
ready = threading.Event()

def helper():
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
    ready.set()
    time.sleep(60)

threading.Thread(target=helper, daemon=True).start()
ready.wait()
lock = threading.Lock()
lock.acquire()
print("ready", flush=True)
lock.acquire()
''')


if __name__ == "__main__":
    import unittest
    unittest.main()
