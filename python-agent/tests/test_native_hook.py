"""The C profile hook (_profilehook.c, 3.8-3.11) records exactly what the pure-Python hook records."""
import os
import sys
import sysconfig
import unittest
from collections import Counter

from tests.support import AgentTestCase

IN_RANGE = (3, 8) <= sys.version_info[:2] < (3, 12)

try:
    from labtrace_agent._profilehook import ProfileHook
except ImportError:
    ProfileHook = None

# Hot user functions (recursion, a function and its generator), library calls from module level and
# from functions (Python and C, past the per-site sample), exceptions, a decorator, a thread.
WORKLOAD = '''\
import functools
import json
import os.path
import threading


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def numbers(n):
    for i in range(n):
        yield i * i


def consume(n):
    return sum(v for v in numbers(n))


def encode(i):
    return json.dumps({"i": i}) + os.path.join("a", str(i)) + str(len(sorted([i, 1])))


def fails(i):
    if i % 3 == 0:
        raise KeyError(i)
    return i


@functools.lru_cache(maxsize=None)
def cached(i):
    return i + 1


def worker():
    for i in range(50):
        encode(i)


fib(12)
total = consume(200)
for i in range(40):
    encode(i)
    cached(i % 5)
    try:
        fails(i)
    except KeyError:
        pass
t = threading.Thread(target=worker)
t.start()
t.join()
print(total, json.dumps(sorted([3, 1, 2])))
'''


RESTORE = '''\
import json
import sys

seen = []
saved = sys.getprofile()
sys.setprofile(lambda frame, event, arg: seen.append(event))
json.dumps([1])
sys.setprofile(saved)


def after_restore(i):
    return json.dumps({"i": i})


for i in range(20):
    after_restore(i)
print("call" in seen, len(seen) > 0)
'''


def signature(run):
    """What a run recorded, without times and ids: events by kind, function, line and caller."""
    def name(cid):
        return "%s.%s" % (run.module(cid), run.qualname(cid)) if cid else ""
    # a library call's duration is 0 when its return went unseen (closed at its caller's return)
    events = Counter((e[0], name(e[2]), e[3], name(e[5]) if e[0] == "LIB_CALL" else "", e[0] == "LIB_CALL" and e[6] > 0)
                     for e in run.events)
    calls = dict((name(cid), st.get("calls", 0)) for cid, st in run.stats.items())
    exceptions = Counter((name(x.get("code_id", 0)), x.get("line", 0)) for x in run.exceptions)
    return events, calls, exceptions

# The same function compiled twice (same first line): both go hot; the second must be C's cache.
HOT_AGAIN = '''\
import sys
SOURCE = "def tick():\\n    pass\\n"
for _ in range(2):
    ns = {}
    exec(compile(SOURCE, "cell.py", "exec"), ns)
    for _ in range(500):
        ns["tick"]()
print(getattr(sys.getprofile(), "hot", None) is ns["tick"].__code__)
'''


class NativeHookTest(AgentTestCase):
    def test_built_where_headers_exist(self):
        """`make` builds the hook for every 3.8-3.11 with headers; a test run must not silently use the fallback."""
        if not IN_RANGE:
            self.skipTest("Python 3.12+ traces with sys.monitoring")
        if os.environ.get("LABTRACE_REQUIRE_NATIVE") != "1":
            self.skipTest("LABTRACE_REQUIRE_NATIVE=1 (set by test/run-all.sh) asks for the built hook")
        if not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")):
            self.skipTest("no Python.h for this interpreter: the pure-Python hook is expected")
        self.assertIsNotNone(ProfileHook, "labtrace_agent/_profilehook%s not built" % sysconfig.get_config_var("EXT_SUFFIX"))

    @unittest.skipUnless(IN_RANGE and ProfileHook is not None, "C hook not built for this Python")
    def test_same_record_as_pure_python(self):
        self.write("work.py", WORKLOAD)
        records = {}
        for native in ("1", "0"):
            p = self.run_script("work.py", env={"LABTRACE_BACKEND": "setprofile", "LABTRACE_NATIVE": native})
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(p.stdout, b'2646700 [1, 2, 3]\n')
            run = self.single_run()
            reason = run.hello["run"]["backend_reason"]
            self.assertEqual("answered in C" in reason, native == "1", reason)
            records[native] = signature(run)
            self.assertFalse(self.agent_log(), self.agent_log())
            for name in os.listdir(os.path.join(self.home, "spool")):
                os.unlink(os.path.join(self.home, "spool", name))
        native_events, native_calls, native_exc = records["1"]
        pure_events, pure_calls, pure_exc = records["0"]
        self.assertGreater(sum(native_events.values()), 100)
        self.assertEqual(native_events, pure_events)
        self.assertEqual(native_calls, pure_calls)
        self.assertEqual(native_exc, pure_exc)

    @unittest.skipUnless(IN_RANGE and ProfileHook is not None, "C hook not built for this Python")
    def test_program_can_save_and_restore_the_hook(self):
        """sys.setprofile(sys.getprofile()) hands our C hook back as a Python profile function."""
        self.write("restore.py", RESTORE)
        plain = self.run_script("restore.py", agent=False)
        p = self.run_script("restore.py", env={"LABTRACE_BACKEND": "setprofile"})
        self.assertEqual((p.returncode, p.stdout, p.stderr), (plain.returncode, plain.stdout, plain.stderr))
        self.assertEqual(p.stdout, b"True True\n")
        native_calls = self.single_run().total_calls("after_restore")  # seen through the restored hook
        for name in os.listdir(os.path.join(self.home, "spool")):
            os.unlink(os.path.join(self.home, "spool", name))
        p = self.run_script("restore.py", env={"LABTRACE_BACKEND": "setprofile", "LABTRACE_NATIVE": "0"})
        self.assertEqual(p.stdout, plain.stdout)
        # a function goes hot after 16 streamed calls; LABTRACE_HOT=off stops counting it there
        self.assertEqual(native_calls, 17)
        self.assertEqual(native_calls, self.single_run().total_calls("after_restore"))

    @unittest.skipUnless(IN_RANGE and ProfileHook is not None, "C hook not built for this Python")
    def test_hot_code_is_answered_in_c(self):
        """A function gone hot is the C hook's one-entry cache (slow_path sets it through its `native`
        cell), also when the hot-code table's slot is taken by an older code object of the same first
        line (a notebook cell compiled again): 0ee2bf4 dropped the cell's assignment and every event of
        such code took the slow lane (the kernel benchmark ran 1.9x slower on 3.11)."""
        self.write("hot.py", HOT_AGAIN)
        p = self.run_script("hot.py", env={"LABTRACE_BACKEND": "setprofile"})
        self.assertEqual((p.returncode, p.stdout), (0, b"True\n"), p.stderr)

    @unittest.skipUnless(IN_RANGE and ProfileHook is not None, "C hook not built for this Python")
    def test_call_in_main_runs_in_the_main_thread(self):
        # sigwatch asks the main thread to arm its wakeup pipe this way on 3.8-3.9 (no OS signal)
        import threading
        import time
        from labtrace_agent import _profilehook
        ran = []

        def arm():
            ran.append(threading.get_ident())
            raise RuntimeError("cleared, never into the program")

        t = threading.Thread(target=lambda: ran.append(_profilehook.call_in_main(arm)))
        t.start()
        t.join()
        deadline = time.monotonic() + 5
        while len(ran) < 2 and time.monotonic() < deadline:
            time.sleep(0.001)  # bytecode between sleeps: pending calls run here
        self.assertEqual(ran, [True, threading.main_thread().ident])

    @unittest.skipUnless(IN_RANGE and ProfileHook is not None, "C hook not built for this Python")
    def test_rejects_malformed_tables(self):
        with self.assertRaises(ValueError):
            ProfileHook(len, [None] * 10, set(), [None, ()], ("call",) * 7, [], [None] * 4096)
        with self.assertRaises(ValueError):
            ProfileHook(len, [None] * 4096, set(), [None, ()], ("call",) * 7, [], [None] * 10)
        with self.assertRaises(TypeError):
            ProfileHook(len, [None] * 4096, [], [None, ()], ("call",) * 7, [], [None] * 4096)


if __name__ == "__main__":
    unittest.main()
