"""A call streamed before its code turned hot still has its return seen (issue 8): the hook's stack must
not keep the frame, its locals and its callers alive. CPython's test_concurrent_futures was
"environment changed" traced on 3.8: a ThreadPoolExecutor's stopped threads stayed alive (in
threading._dangling) until the next gc, through their last streamed frame left on the hook's stack."""
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
'''


class StreamedReturnTest(AgentTestCase):
    def check(self, env=None):
        self.write("streamed.py", SCRIPT)
        untraced = self.run_script("streamed.py", agent=False)
        traced = self.run_script("streamed.py", env=env)
        self.assertEqual(untraced.stdout.decode(), "recursion freed\nthread freed\n", untraced.stderr)
        self.assertEqual((traced.stdout.decode(), traced.stderr.decode(), traced.returncode),
                         (untraced.stdout.decode(), untraced.stderr.decode(), untraced.returncode))
        self.assertEqual(self.agent_log(), "")
        if not HAS_MONITORING:  # (the sys.monitoring backend drops them, its frames freed: not fixed here)
            run = self.single_run()
            self.assertEqual(run.count("RETURN", "f"), run.count("CALL", "f"))  # every streamed call returned

    def test_frames_freed(self):
        self.check()

    @unittest.skipUnless(NATIVE_BUILT, "the C hook is not built for this Python")
    def test_frames_freed_pure_python_hook(self):
        self.check({"LABTRACE_NATIVE": "0"})


if __name__ == "__main__":
    unittest.main()
