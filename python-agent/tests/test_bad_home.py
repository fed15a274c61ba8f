"""A LABTRACE_HOME that cannot be used (below a file, in /proc, a file itself, too long a name, spool
blocked) leaves the agent off from the start: no hook, no thread, no file, nothing on stderr, the
program's output and exit status as untraced, and no time lost."""
import os
import time
import unittest

from tests.support import AgentTestCase

# What the program sees of a tracer: a profile hook (3.8-3.11), a sys.monitoring tool (3.12+), threads.
SCRIPT = '''\
import sys, threading
def f(x):
    return x * 2
print(sum(f(i) for i in range(1000)))
mon = getattr(sys, "monitoring", None)
print("profile", sys.getprofile() is not None, "tools", [mon.get_tool(i) for i in range(6)] if mon else None)
print("threads", sorted(t.name for t in threading.enumerate()))
sys.stderr.write("err line\\n")
sys.exit(3)
'''


class BadHomeTest(AgentTestCase):
    def check_inert(self, home):
        self.home = home
        self.write("s.py", SCRIPT)
        plain = self.run_script("s.py", agent=False)
        for env in ({}, {"LABTRACE_DEBUG": "1"}):
            t0 = time.monotonic()
            traced = self.run_script("s.py", env=env, timeout=30)
            elapsed = time.monotonic() - t0
            self.assertEqual((traced.returncode, traced.stdout, traced.stderr),
                             (plain.returncode, plain.stdout, plain.stderr), (home, env))
            self.assertLess(elapsed, 10, home)
        self.assertEqual(plain.returncode, 3)
        self.assertIn(b"profile False", plain.stdout)

    def a_file(self):
        path = os.path.join(self.tmp, "a-file")
        with open(path, "w") as f:
            f.write("x")
        return path

    def test_below_a_file(self):
        self.check_inert(os.path.join(self.a_file(), "home"))

    def test_home_is_a_file(self):
        self.check_inert(self.a_file())

    def test_in_proc(self):
        self.check_inert("/proc/labtrace-no-such-dir/home")
        self.check_inert("/proc/labtrace-no-such-dir")

    def test_name_too_long(self):
        self.check_inert(os.path.join(self.tmp, "x" * 300))

    def test_spool_is_a_file(self):
        home = os.path.join(self.tmp, "home")
        os.makedirs(home)
        with open(os.path.join(home, "spool"), "w") as f:
            f.write("not a dir")
        self.check_inert(home)
        # the home itself is writable: the one line that says why the agent is off
        lines = [ln for ln in self.agent_log().splitlines() if ln.strip()]
        self.assertEqual(len(lines), 2, lines)  # one per traced run
        self.assertIn("switched off in init", lines[0])

    @unittest.skipIf(os.geteuid() == 0, "root can write anywhere")
    def test_read_only_home(self):
        home = os.path.join(self.tmp, "home")
        os.makedirs(os.path.join(home, "spool"))
        os.chmod(home, 0o500)
        os.chmod(os.path.join(home, "spool"), 0o500)
        self.check_inert(home)

    def test_good_home_is_made_private(self):
        self.home = os.path.join(self.tmp, "new", "home")
        self.write("s.py", SCRIPT)
        traced = self.run_script("s.py")
        self.assertEqual(traced.returncode, 3)
        self.assertEqual(os.stat(self.home).st_mode & 0o777, 0o700)
        self.assertEqual(len(self.runs()), 1)


if __name__ == "__main__":
    unittest.main()
