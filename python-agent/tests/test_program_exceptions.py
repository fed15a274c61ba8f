"""The program's own exceptions reach the program exactly where they would untraced, and the agent stays
on (issue 8): a Python signal handler runs at the next eval-breaker check, which may fall in the agent's
Python hook code, and an asynchronous exception (PyThreadState_SetAsyncExc) is raised there too. Before,
the hook took them for its own failure: swallowed (the program never saw its ZeroDivisionError or
AsyncExc), agent switched off; a KeyboardInterrupt came out at the hook's event instead of where the
program would have got it (CPython's test_generators SignalAndYieldFromTest). Also: the program's mock
objects (unittest.mock) passing through the agent's hooks do not switch it off.

Each case runs with the C hook (_profilehook 3.8-3.11, _monitorhook 3.12+) when built. The pure-Python
hooks cannot see a pending signal before their own bytecode runs: there the handler's exception still
reaches the program (at the hook's event) and the agent stays on, but CPython removes a pure-Python
setprofile hook that raised, so only the output and the agent log are compared there.
"""
import os
import sys
import unittest

from tests.support import NATIVE_BUILT, NATIVE_MODULE, AgentTestCase

V = sys.version_info[:2]
MODULE, BUILT = NATIVE_MODULE, NATIVE_BUILT

# Where the program gets its handler's exception: the traceback's functions and lines, printed.
WHERE = '''\
import traceback


def where(e):
    return " ".join("%s:%s" % (fs.name, fs.lineno) for fs in traceback.extract_tb(e.__traceback__))


def after():  # called once the exceptions are over: the agent still records
    return 1
'''

# test_threading's test_interrupt_main_with_signal_handler as a storm: a handler raising in the middle
# of calls of functions the hook has not seen yet (its slow path runs for each), tripped with
# _thread.interrupt_main (no eval-breaker check before the hook's next event) and os.kill.
SIGNALS = WHERE + '''\
import _thread
import os
import signal

SOURCE = "def f%d(x):\\n    return x + 1\\n"
funcs = []
for i in range(60):
    ns = {}
    exec(compile(SOURCE % i, __file__, "exec"), ns)  # new code objects (user code: this file)
    funcs.append(ns["f%d" % i])


def handler(signum, frame):
    1 / 0


def trip(how):
    if how == "interrupt_main":
        _thread.interrupt_main()
    else:
        os.kill(os.getpid(), signal.SIGUSR1)
    return how


def main():
    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGUSR1, handler)
    seen = []
    for n, how in enumerate(["interrupt_main", "kill"] * 30):
        try:
            trip(how)
            funcs[n](n)
            seen.append("missed")
        except ZeroDivisionError as e:
            seen.append(where(e))
    for s in sorted(set(seen)):
        print(seen.count(s), s)


main()
print(after())
'''

# The default SIGINT handler (KeyboardInterrupt) tripped right before resuming a generator that is in
# `yield from` (CPython's test_generators SignalAndYieldFromTest): the innermost generator gets it.
YIELD_FROM = WHERE + '''\
import _testcapi


def generator1():
    return (yield from generator2())


def generator2():
    try:
        yield
    except KeyboardInterrupt:
        return "PASSED"
    else:
        return "FAILED"


def main():
    for _ in range(3):
        gen = generator1()
        gen.send(None)
        try:
            _testcapi.raise_SIGINT_then_send_None(gen)
        except BaseException as e:
            print(type(e).__name__, getattr(e, "value", None), where(e))


main()
print(after())
'''

# test_threading's test_interrupt_main_with_signal_handler and test_PyThreadState_SetAsyncExc, the
# latter in the thread itself and from the main thread into a worker.
ASYNC = WHERE + '''\
import ctypes
import threading

set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)


class AsyncExc(Exception):
    pass


SOURCE = "def g%d(x):\\n    return x + 1\\n"
funcs = []
for i in range(200):
    ns = {}
    exec(compile(SOURCE % i, __file__, "exec"), ns)
    funcs.append(ns["g%d" % i])


def same_thread(k):
    try:
        set_async_exc(threading.get_ident(), ctypes.py_object(AsyncExc))
        for f in funcs[k * 10:k * 10 + 10]:
            f(1)
        return "not raised"
    except AsyncExc as e:
        return "raised " + where(e)


def spin(done):
    i = 0
    while not done.is_set() and i < 10 ** 8:
        funcs[100 + i % 100](i)
        i += 1


def worker(started, done, out):
    try:
        started.set()
        spin(done)  # (3.13.0 itself misses an exception raised at the loop's JUMP_BACKWARD: not in this try)
        out.append("not raised")
    except AsyncExc:
        out.append("raised")


def other_thread():
    started, done, out = threading.Event(), threading.Event(), []
    t = threading.Thread(target=worker, args=(started, done, out))
    t.start()
    started.wait()
    set_async_exc(t.ident, ctypes.py_object(AsyncExc))
    t.join(30)
    done.set()
    t.join()
    return out[0]


for k in range(5):
    print(same_thread(k))
print(other_thread())
print(after())
'''

# unittest.mock objects called from user code: the agent names the callee (mock.call's attributes are
# new unhashable call objects; an AsyncMock's __code__ is a mock that claims to be a code object).
MOCKS = '''\
import asyncio
from unittest import mock


def f(a, b):
    return a + b


def main():
    c = mock.call.method(1, x=2)
    print(c == mock.call.method(1, x=2))
    m = mock.AsyncMock(return_value=3)
    print(asyncio.run(m(1)))
    print(mock.call(5) == mock.call(5), m.await_count)
    # what the program's mocks record (CPython's test_mock_calls_create_autospec, test_mock_open_*):
    # nothing of the agent's looking at them
    auto = mock.create_autospec(f)
    auto(1, 2)
    auto(3, 4)
    spec = mock.MagicMock(spec=f)
    spec(5, 6)
    opened = mock.mock_open(read_data="data")
    with opened("foo") as h:
        h.read()
    print(auto.mock_calls, spec.mock_calls, opened.mock_calls)


main()
'''


# the pure-Python hooks' functions: a signal handler or an asynchronous exception may come in them
PURE_HOOK_FRAMES = ("hook_off", "hook", "slow", "slow_path", "guarded")


def without_hook_frames(out):
    """Output lines ('[count] where...') with the pure-Python hooks' frames left out, the same lines counted
    together (the frame an exception passed twice, coming out of a hook's event below 3.11, once)."""
    counts = {}
    for ln in out.splitlines():
        words = ln.split()
        n = int(words.pop(0)) if words and words[0].isdigit() else 1
        kept = []
        for w in words:
            if w.split(":")[0] not in PURE_HOOK_FRAMES and (not kept or kept[-1] != w):
                kept.append(w)
        key = " ".join(kept)
        counts[key] = counts.get(key, 0) + n
    return sorted(counts.items())


class ProgramExceptionsTest(AgentTestCase):
    def same_as_untraced(self, script, native, source):
        self.write(script, source)
        plain = self.run_script(script, agent=False)
        traced = self.run_script(script, env={"LABTRACE_NATIVE": native}, timeout=120)
        got, want = traced.stdout.decode(), plain.stdout.decode()
        if native == "0":
            got, want = without_hook_frames(got), without_hook_frames(want)
        self.assertEqual((traced.returncode, got, traced.stderr.decode()),
                         (plain.returncode, want, plain.stderr.decode()))
        self.assertEqual(self.agent_log(), "")  # the agent stayed on
        return plain

    def hooks(self):
        """LABTRACE_NATIVE values: the C hook when built, and the pure-Python one."""
        return (["1"] if BUILT else []) + ["0"]

    def check_on(self, native, last="after"):
        """With the C hook the run records on after the exceptions (its last function was streamed)."""
        if native == "1":
            run = self.single_run()
            self.assertEqual(run.total_calls(last), 1)
            self.assertEqual(run.end.get("exit_code", 0), 0)

    def test_signal_handler_raising(self):
        for native in self.hooks():
            with self.subTest(native=native):
                self.home = os.path.join(self.tmp, "home" + native)
                plain = self.same_as_untraced("signals.py", native, SIGNALS)
                out = plain.stdout.decode()
                self.assertIn("main:", out)
                self.assertNotIn("missed", out)
                self.check_on(native)

    def test_keyboard_interrupt_into_yield_from(self):
        for native in self.hooks():
            with self.subTest(native=native):
                self.home = os.path.join(self.tmp, "home" + native)
                if native == "0" and V < (3, 12):
                    self.skipTest("the pure-Python setprofile hook is Python code: the signal comes in it")
                plain = self.same_as_untraced("yield_from.py", native, YIELD_FROM)
                self.assertEqual(plain.stdout.decode().count("StopIteration PASSED"), 3)
                self.check_on(native)

    def test_async_exception(self):
        for native in self.hooks():
            with self.subTest(native=native):
                self.home = os.path.join(self.tmp, "home" + native)
                plain = self.same_as_untraced("async_exc.py", native, ASYNC)
                lines = plain.stdout.decode().splitlines()
                self.assertEqual(len(lines), 7)
                self.assertTrue(all(ln.startswith("raised") for ln in lines[:6]), lines)
                self.check_on(native)

    def test_mock_callables(self):
        for native in self.hooks():
            with self.subTest(native=native):
                self.home = os.path.join(self.tmp, "home" + native)
                plain = self.same_as_untraced("mocks.py", native, MOCKS)
                self.assertEqual(plain.stdout.decode().splitlines()[:3], ["True", "3", "True 1"])
                if native == "1":
                    self.assertGreater(self.single_run().total_calls("main"), 0)


if __name__ == "__main__":
    unittest.main()
