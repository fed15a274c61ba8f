"""A hook never raises into the program, whatever the stack depth (issue 8): a program running at its
recursion limit behaves, prints and fails exactly as untraced, with no agent frame in its tracebacks.

Each case runs with the C hook (_profilehook 3.8-3.11, _monitorhook 3.12+) and with the pure-Python
one. The pure-Python setprofile hook (3.8-3.11) is itself a Python function: CPython raises RecursionError
entering it at the limit, which nothing in Python can catch (hooks/profile.slow), so the cases that
call a function at the limit run with the C hook only there.
"""
import os
import sys
import sysconfig
import unittest

from tests.support import NATIVE_BUILT, NATIVE_MODULE, AgentTestCase

V = sys.version_info[:2]
MODULE, BUILT = NATIVE_MODULE, NATIVE_BUILT

# The lowest recursion limit the interpreter accepts here (its depth + 1; below 3.12 the depth counts
# the setrecursionlimit call itself), then calls of user functions never seen (the slow path would
# register them) and of a builtin from user code (sampled library calls).
AT_LIMIT = '''\
import sys


def frames():
    n, f = 0, sys._getframe(1)
    while f is not None:
        n, f = n + 1, f.f_back
    return n


# below 3.12 the lowest limit leaves room for two Python frames (setrecursionlimit's own call counted
# one level): the second one's call event comes at the limit
TWO = sys.version_info < (3, 12)


def inner():
    return 42


def fresh():
    return inner() if TWO else 42


def main():
    old = sys.getrecursionlimit()
    limit = frames()
    while True:
        try:
            sys.setrecursionlimit(limit)
            break
        except RecursionError:  # "cannot set the recursion limit to N at the recursion depth M"
            limit += 1
    try:
        a = fresh()
        b = len("abc")
    finally:
        sys.setrecursionlimit(old)
    print(a, b)


main()
'''

# Infinite recursion the program catches, then prints the traceback; then one it does not catch.
INFINITE = '''\
import sys
import traceback


def down(n):
    return down(n + 1)


try:
    down(0)
except RecursionError:
    print(traceback.format_exc())
sys.setrecursionlimit(200)
down(0)
'''

# CPython's test_exceptions.test_recursion_in_except_handler (3.9+; its 3.11 version, which probes the
# lowest recursion limit: the builtin's c_return event comes at the limit)
IN_EXCEPT = '''\
import sys


def set_relative_recursion_limit(n):
    depth = 1
    while True:
        try:
            sys.setrecursionlimit(depth)
        except RecursionError:
            depth += 1
        else:
            break
    sys.setrecursionlimit(depth + n)


def recurse_in_except():
    try:
        1 / 0
    except:
        recurse_in_except()


def recurse_after_except():
    try:
        1 / 0
    except:
        pass
    recurse_after_except()


def recurse_in_body_and_except():
    try:
        recurse_in_body_and_except()
    except:
        recurse_in_body_and_except()


def test():
    limit = sys.getrecursionlimit()
    try:
        set_relative_recursion_limit(10)
        for func in (recurse_in_except, recurse_after_except, recurse_in_body_and_except):
            try:
                func()
            except RecursionError as e:
                print(func.__name__, type(e).__name__)
            else:
                print(func.__name__, "returned")
    finally:
        sys.setrecursionlimit(limit)


def nest(n):  # run it as deep as unittest runs CPython's test
    return nest(n - 1) if n else test()


nest(40)
'''

# CPython 3.13's test_functools.test_lru_recursion: the C recursion limit through lru_cache's C wrapper
LRU = '''\
import functools
import sys


@functools.lru_cache
def fib(n):
    return n if n <= 1 else fib(n - 1) + fib(n - 2)


sys.setrecursionlimit(100000)
print(fib(400) % 1000)
fib.cache_clear()
try:
    fib(10000)
except RecursionError as e:
    print(type(e).__name__)
'''


# A program that keeps a low recursion limit (process-wide: the agent's sender thread has it too) over
# several flush intervals, restores it, then exits with a low one again.
LOW_LIMIT = '''\
import sys
import time


def work(i):
    return i * 2


def phase(limit, seconds):
    sys.setrecursionlimit(limit)
    end, s = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        for i in range(1000):
            s += work(i)
    return s > 0


def after():
    return 1


old = sys.getrecursionlimit()
ok = phase(15, 0.5)
sys.setrecursionlimit(old)
after()
print(ok, phase(15, 0.3), sys.getrecursionlimit())
'''


# A program that lowers the limit to 15 and raises it again every few hundred calls for a second: the
# sender thread's flushes (every 0.1 s) start with the limit up and run on while the program brings it
# down (a race the check before each flush cannot close: RecursionError in the flush, agent off).
LIMIT_CHURN = '''\
import sys
import time


def work(i):
    return i * 2


def churn(seconds):
    old = sys.getrecursionlimit()
    end, s = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        sys.setrecursionlimit(15)
        for i in range(300):
            s += work(i)
        sys.setrecursionlimit(old)
        for i in range(300):
            s += work(i)
    return s > 0


def after():
    return 1


ok = churn(1.0)
after()
print(ok, sys.getrecursionlimit())
'''


class RecursionLimitTest(AgentTestCase):
    def same_as_untraced(self, script, native, source):
        self.write(script, source)
        plain = self.run_script(script, agent=False)
        traced = self.run_script(script, env={"LABTRACE_NATIVE": native}, timeout=120)
        self.assertEqual((traced.returncode, traced.stdout.decode(), traced.stderr.decode()),
                         (plain.returncode, plain.stdout.decode(), plain.stderr.decode()))
        self.assertNotIn("labtrace_agent", traced.stdout.decode() + traced.stderr.decode())
        return plain

    def hooks(self, pure_ok=True):
        """LABTRACE_NATIVE values to test: the C hook when built, the pure-Python one if it applies."""
        out = ["1"] if BUILT else []
        if pure_ok:
            out.append("0")
        return out

    def test_c_hook_built(self):
        if os.environ.get("LABTRACE_REQUIRE_NATIVE") != "1":
            self.skipTest("LABTRACE_REQUIRE_NATIVE=1 (set by test/run-all.sh) asks for the built hook")
        self.assertTrue(BUILT, "labtrace_agent/%s%s not built" % (MODULE, sysconfig.get_config_var("EXT_SUFFIX")))

    def test_call_at_the_recursion_limit(self):
        for native in self.hooks(pure_ok=False):
            with self.subTest(native=native):
                self.home = os.path.join(self.tmp, "home" + native)
                plain = self.same_as_untraced("limit.py", native, AT_LIMIT)
                self.assertEqual(plain.stdout, b"42 3\n")
                if native == "1":
                    run = self.single_run()
                    self.assertEqual(self.agent_log(), "")  # the agent stayed on
                    self.assertGreater(run.end.get("events_dropped", 0), 0)  # the skipped events
                    self.assertGreater(run.total_calls("main"), 0)

    def test_restored_hook_at_the_recursion_limit(self):
        # a program that saves sys.getprofile() and restores it gets the C hook back as a Python-level
        # profile function: CPython's trampoline then calls it (3.8-3.11)
        source = "import sys\nsaved = sys.getprofile()\nsys.setprofile(None)\nsys.setprofile(saved)\n" + AT_LIMIT
        for native in self.hooks(pure_ok=False):
            with self.subTest(native=native):
                self.home = os.path.join(self.tmp, "home" + native)
                self.assertEqual(self.same_as_untraced("restored.py", native, source).stdout, b"42 3\n")
                self.assertEqual(self.agent_log(), "")

    def test_infinite_recursion(self):
        # (pure-Python hooks: the deepest frame's event enters Python code at the limit, whose
        # RecursionError replaces the program's one frame higher)
        for native in self.hooks(pure_ok=False):
            with self.subTest(native=native):
                self.home = os.path.join(self.tmp, "home" + native)
                plain = self.same_as_untraced("infinite.py", native, INFINITE)
                self.assertIn(b"RecursionError", plain.stdout)
                self.assertEqual(plain.returncode, 1)
                if native == "1":
                    self.assertEqual(self.agent_log(), "")

    def test_low_limit_while_the_sender_runs(self):
        # the sender thread waits for the limit to come back up (before: RecursionError in its flush,
        # agent switched off), the final flush at exit raises it for its own duration (the pure-Python
        # hooks' slow path itself needs more than this limit leaves)
        for native in self.hooks(pure_ok=False):
            with self.subTest(native=native):
                self.home = os.path.join(self.tmp, "home" + native)
                plain = self.same_as_untraced("low.py", native, LOW_LIMIT)
                self.assertEqual(plain.stdout, b"True True 15\n")
                self.assertEqual(self.agent_log(), "")
                run = self.single_run()
                self.assertEqual(run.total_calls("after"), 1)
                self.assertEqual(run.end.get("exit_code", 0), 0)
                self.assertEqual(run.total_calls("phase"), 2)

    def test_limit_lowered_during_a_flush(self):
        # the sender thread flushes with FLUSH_DEPTH levels of its own (the C module's headroom), whatever
        # limit the program sets meanwhile (before: "agent switched off in sender: RecursionError" in
        # about every run on 3.8-3.11)
        self.write("churn.py", LIMIT_CHURN)
        plain = self.run_script("churn.py", agent=False)
        self.assertEqual((plain.returncode, plain.stdout, plain.stderr), (0, b"True 1000\n", b""))
        for native in self.hooks(pure_ok=False):
            for k in range(5):
                with self.subTest(native=native, run=k):
                    self.home = os.path.join(self.tmp, "home%s-%d" % (native, k))
                    traced = self.run_script("churn.py", env={"LABTRACE_NATIVE": native})
                    self.assertEqual((traced.returncode, traced.stdout, traced.stderr), (0, b"True 1000\n", b""))
                    self.assertEqual(self.agent_log(), "")
                    run = self.single_run()
                    self.assertEqual(run.total_calls("after"), 1)
                    self.assertEqual(run.total_calls("churn"), 1)

    @unittest.skipIf(V < (3, 9), "3.8 itself fails it (Fatal Python error: Cannot recover from stack overflow)")
    def test_recursion_in_except_handler(self):
        for native in self.hooks():
            with self.subTest(native=native):
                self.home = os.path.join(self.tmp, "home" + native)
                plain = self.same_as_untraced("in_except.py", native, IN_EXCEPT)
                self.assertEqual(plain.stdout.decode().split("\n").count("recurse_in_except RecursionError"), 1)

    @unittest.skipIf(V < (3, 12), "the C recursion limit (3.12+) makes fib(10000) a RecursionError, not a crash")
    def test_lru_cache_recursion(self):
        for native in self.hooks():
            with self.subTest(native=native):
                self.home = os.path.join(self.tmp, "home" + native)
                plain = self.same_as_untraced("lru.py", native, LRU)
                self.assertEqual(plain.stdout, b"675\nRecursionError\n")


if __name__ == "__main__":
    unittest.main()
