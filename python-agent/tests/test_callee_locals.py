"""A library call sampled from user code leaves no stale snapshot of its arguments on the callee's
frame (issue 8). The slow path reads the callee's first argument through frame.f_locals, which on CPython
3.8-3.12 stores a dict of the frame's locals on the frame, kept until the frame dies. A function that
drops an argument to break a reference cycle (concurrent.futures' Future.result: `self = None` in a
finally, its frame held by the traceback of the exception it raised) then still had it in that dict:
the cycle future -> exception -> traceback -> frame -> dict -> future lived until the next gc. CPython's
test_concurrent_futures was "environment changed" traced on 3.8: a pool's stopped QueueFeederThread,
reachable from that traceback, stayed in threading._dangling."""
import os
import textwrap
import unittest

from tests.support import AGENT_DIR, AgentTestCase, NATIVE_BUILT

LIB = '''\
def fetch(box):
    try:
        raise box.error
    finally:
        box = None  # breaks box -> error -> traceback -> this frame, as Future.result does

def keep(a, b=2):
    return locals()  # the frame's own dict, the one the record read at the call and again at the return
'''

SCRIPT = '''\
import gc, threading, weakref
from concurrent.futures import ThreadPoolExecutor
import slowlib
gc.disable()  # freed by reference counting, as untraced, or not at all

class Box(object):
    pass

def plain():
    b = Box()
    b.error = ValueError("x")
    r = weakref.ref(b)
    try:
        slowlib.fetch(b)
    except ValueError:
        pass
    del b
    return r

def boom():
    raise RuntimeError("boom")

def pool():
    with ThreadPoolExecutor(1) as ex:
        fut = ex.submit(boom)
        try:
            fut.result()
        except RuntimeError:
            pass
        worker = weakref.ref(list(ex._threads)[0])
    del ex, fut
    return worker

print("argument", "alive" if plain()() is not None else "freed")
print("thread", "alive" if pool()() is not None else "freed")
print(slowlib.keep(1))
'''


class CalleeLocalsTest(AgentTestCase):
    def setUp(self):
        AgentTestCase.setUp(self)
        lib = os.path.join(self.tmp, "lib")  # outside the project: library code
        os.makedirs(lib)
        with open(os.path.join(lib, "slowlib.py"), "w") as f:
            f.write(textwrap.dedent(LIB))
        self.lib = lib

    def check(self, env=None):
        self.write("callee.py", SCRIPT)
        untraced = self.run_script("callee.py", agent=False, env={"PYTHONPATH": self.lib})
        e = {"PYTHONPATH": AGENT_DIR + os.pathsep + self.lib}
        e.update(env or {})
        traced = self.run_script("callee.py", env=e)
        self.assertEqual(untraced.stdout.decode(), "argument freed\nthread freed\n{'a': 1, 'b': 2}\n", untraced.stderr)
        self.assertEqual((traced.stdout.decode(), traced.stderr.decode(), traced.returncode),
                         (untraced.stdout.decode(), untraced.stderr.decode(), untraced.returncode))
        self.assertEqual(self.agent_log(), "")
        run = self.single_run()
        self.assertEqual(set(["fetch", "keep"]) - set(c[1] for c in run.lib_calls()), set())  # sampled: frames read

    def test_callee_frame_keeps_no_arguments(self):
        self.check()

    @unittest.skipUnless(NATIVE_BUILT, "the C hook is not built for this Python")
    def test_callee_frame_keeps_no_arguments_pure_python_hook(self):
        self.check({"LABTRACE_NATIVE": "0"})


if __name__ == "__main__":
    unittest.main()
