"""A call streamed before its code turned hot still has its return seen (issue 8): the hook's stack must
not keep the frame, its locals and its callers alive. CPython's test_concurrent_futures was
"environment changed" traced on 3.8: a ThreadPoolExecutor's stopped threads stayed alive (in
threading._dangling) until the next gc, through their last streamed frame left on the hook's stack.
So must a frame that ends by the exception of a C call at a sampled-out call site (3.8-3.11: its
return was skipped as that site's event; CPython's test_concurrent_futures 3.10: a result handler
thread ending in sys.exit, its executor's threads dangling). The record must have it too: every streamed CALL its RETURN (or its unwind), and FunctionStats the
time of each (timed_calls, total_ns), on 3.12+ (sys.monitoring) as on 3.8-3.11."""
import sys
import unittest

from tests.support import AgentTestCase, HAS_MONITORING, NATIVE_BUILT

SCRIPT = '''\
import gc, threading, weakref
gc.disable()  # freed by reference counting, as untraced, or not at all

class Obj(object):
    pass

def f(n, o):  # deeper than stream_calls: the outer calls are streamed, then f turns hot
    if n:
        f(n - 1, None)

o = Obj()
r = weakref.ref(o)
f(40, o)
del o
print("recursion", "alive" if r() is not None else "freed")

entered, go = threading.Event(), threading.Event()
def g(wait, o=None):
    if wait:
        entered.set()
        go.wait()

def work(out):
    o = Obj()
    r = weakref.ref(o)
    g(True, o)  # g's first call (streamed); it returns after g turned hot in the main thread
    del o
    out.append("alive" if r() is not None else "freed")

out = []
t = threading.Thread(target=work, args=(out,))
t.start()
entered.wait()
for i in range(40):
    g(False)
go.set()
t.join()
print("thread", out[0])

import pickle, sys
made = []

def leave():  # called by C code (pickle), ends by sys.exit: the exception of a C call, at a call
    o = Obj()  # site sampled out after its first calls; a thread's SystemExit ends it silently
    made.append(weakref.ref(o))
    sys.exit(1)

class Leave(object):
    def __reduce__(self):
        return leave, ()

data = pickle.dumps(Leave())
for i in range(24):
    t = threading.Thread(target=pickle.loads, args=(data,))
    t.start()
    t.join()
print("exited", len([r for r in made if r() is not None]))
'''


class StreamedReturnTest(AgentTestCase):
    def check(self, env=None):
        self.write("streamed.py", SCRIPT)
        untraced = self.run_script("streamed.py", agent=False)
        traced = self.run_script("streamed.py", env=env)
        self.assertEqual(untraced.stdout.decode(), "recursion freed\nthread freed\nexited 0\n", untraced.stderr)
        self.assertEqual((traced.stdout.decode(), traced.stderr.decode(), traced.returncode),
                         (untraced.stdout.decode(), untraced.stderr.decode(), untraced.returncode))
        self.assertEqual(self.agent_log(), "")
        run = self.single_run()
        self.assertEqual(run.count("RETURN", "f"), run.count("CALL", "f"))  # every streamed call returned
        self.assertEqual(run.count("RETURN", "g"), run.count("CALL", "g"))
        # (a return there was skipped as the call's own event below 3.12: the frame stayed on the stack)
        # an unwind is an EXCEPTION event (3.12+: for calls past stream_calls too)
        ended = run.count("RETURN", "leave") + run.count("EXCEPTION", "leave")
        self.assertGreaterEqual(ended, run.count("CALL", "leave"))

    def test_frames_freed(self):
        self.check()

    @unittest.skipUnless(NATIVE_BUILT, "the C hook is not built for this Python")
    def test_frames_freed_pure_python_hook(self):
        self.check({"LABTRACE_NATIVE": "0"})


# Calls streamed before their code turned hot, still running when it did: a recursion (fib), threads
# running the same function at once, a function raising through its streamed frames, generators and
# coroutines (each resume a call, as setprofile sees it), and the same code called again afterwards.
RECORD = '''\
import asyncio, sys, threading

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def boom(n):
    if n == 0:
        raise ValueError("boom")
    boom(n - 1)

def deep(n):
    if n:
        yield from deep(n - 1)
    yield n

async def co(n):
    if n:
        await co(n - 1)
    await asyncio.sleep(0)
    return n

barrier = threading.Barrier(4)
def r(n):
    if n:
        return r(n - 1) + 1
    barrier.wait()
    return 0

print(fib(18))
try:
    boom(25)
except ValueError:
    print("boom")
print(sum(deep(25)), asyncio.run(co(25)))
threads = [threading.Thread(target=r, args=(6,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(fib(10))
if sys.version_info >= (3, 12):  # hot, its streamed calls ended: no exit event left on (the tool's)
    mon = sys.monitoring
    tool = [i for i in range(6) if mon.get_tool(i) == "labtrace"][0]
    exits = mon.events.PY_RETURN | mon.events.PY_YIELD
    print("exits on", [f.__name__ for f in (fib, boom, deep, co, r) if mon.get_local_events(tool, f.__code__) & exits])
'''
RECORD_OUT = "2584\nboom\n325 25\n55\n" + ("exits on []\n" if HAS_MONITORING else "")


class StreamedRecordTest(AgentTestCase):
    def check(self, env=None):
        self.write("record.py", RECORD)
        p = self.run_script("record.py", env=env)
        self.assertEqual((p.stdout.decode(), p.stderr.decode(), p.returncode), (RECORD_OUT, "", 0))
        self.assertEqual(self.agent_log(), "")
        run = self.single_run()
        for name in ("fib", "boom", "deep", "co", "r"):
            calls = run.count("CALL", name)
            self.assertEqual(calls, 16, name)  # streamed (then hot)
            stats = [run.stats.get(cid, {}) for cid in run.code_by_name(name)]
            # every streamed call's end seen, with its time (a RETURN, or the exception it unwound with)
            self.assertEqual([(s.get("timed_calls"), s.get("total_ns", 0) > 0) for s in stats], [(calls, True)], name)
        for name in ("fib", "r"):
            self.assertEqual(run.count("RETURN", name), 16, name)
        self.assertEqual(run.count("RETURN", "boom"), 0)  # (its frames unwound: exceptions)

    def test_streamed_calls_end_in_the_record(self):
        self.check()

    @unittest.skipUnless(NATIVE_BUILT, "the C hook is not built for this Python")
    def test_streamed_calls_end_in_the_record_pure_python_hook(self):
        self.check({"LABTRACE_NATIVE": "0"})


if __name__ == "__main__":
    unittest.main()
