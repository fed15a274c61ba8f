"""Threads look the same traced: CPython's test_thread test_unraisable_exception found the agent's
thread-start wrapper as `unraisable.object` (a function of threadstart.py instead of the task), and
its frame showed at the bottom of every thread's stack and in the printed traceback of an uncaught
exception in a _thread thread. Each program's output must be identical to its untraced output."""
import re

from tests.support import AgentTestCase

HOOKED = '''\
import _thread, sys, traceback
done = _thread.allocate_lock()
done.acquire()
seen = []
def hook(u):
    seen.append((u.err_msg, u.object is task, getattr(u.object, "__name__", None), u.exc_type.__name__,
                 str(u.exc_value), [(f.name, f.line) for f in traceback.extract_tb(u.exc_traceback)],
                 sys.exc_info()[0]))
    done.release()
sys.unraisablehook = hook
def task(a, b=0):
    raise ValueError("task failed %d %d" % (a, b))
_thread.start_new_thread(task, (1,), {"b": 2})
done.acquire(timeout=20)
print(seen)
'''

# the default hook prints "Exception ignored in thread started by: <function task at 0x...>" and
# the traceback; SystemExit in the task is ignored silently
DEFAULT_HOOK = '''\
import _thread, time
def task():
    raise KeyError("boom")
def quiet():
    raise SystemExit(3)
for f in (task, quiet):
    _thread.start_new_thread(f, ())
time.sleep(0.5)
print("done")
'''

STACKS = '''\
import _thread, os, threading, traceback
out = {}
done = _thread.allocate_lock()
done.acquire()
def where(key):
    out[key] = [(os.path.basename(f.filename), f.name) for f in traceback.extract_stack()]
def raw():
    where("raw")
    done.release()
    return 42
_thread.start_new_thread(raw, ())
done.acquire(timeout=20)
t = threading.Thread(target=where, args=("thread",), name="worker")
t.start()
t.join()
for key in sorted(out):
    print(key, out[key])
'''

# threading imported late by the program: the agent's thread must not have imported it first (on
# 3.8-3.9 threading then took the agent's thread for the main thread, and 3.9 hung at exit)
LATE_THREADING = '''\
import _thread, sys, time
time.sleep(0.5)
import threading
print(threading.main_thread() is threading.current_thread(), threading.main_thread().ident == _thread.get_ident())
'''


def _no_addresses(out):
    return re.sub(rb" at 0x[0-9a-f]+", b" at 0x?", out)


class ThreadWrapperTest(AgentTestCase):
    def same_as_untraced(self, name, source):
        self.write(name, source)
        plain = self.run_script(name, agent=False, timeout=20)
        traced = self.run_script(name, timeout=20)
        self.assertEqual(plain.returncode, 0, plain.stderr)
        self.assertEqual((traced.returncode, _no_addresses(traced.stdout), _no_addresses(traced.stderr)),
                         (0, _no_addresses(plain.stdout), _no_addresses(plain.stderr)))
        self.assertEqual(self.agent_log(), "")
        return plain

    def test_unraisable_hook_sees_the_task(self):
        plain = self.same_as_untraced("hooked.py", HOOKED)
        self.assertEqual(plain.stderr, b"")
        self.assertIn(b"'ValueError', 'task failed 1 2', [('task', ", plain.stdout)

    def test_default_hook_output(self):
        plain = self.same_as_untraced("default.py", DEFAULT_HOOK)
        self.assertIn(b"Exception ignored in thread started by", plain.stderr)
        self.assertIn(b"<function task at 0x", plain.stderr)
        self.assertNotIn(b"quiet", plain.stderr)

    def test_thread_stacks(self):
        plain = self.same_as_untraced("stacks.py", STACKS)
        self.assertIn(b"raw [('stacks.py', 'raw'), ('stacks.py', 'where')]", plain.stdout)

    def test_threading_imported_late(self):
        plain = self.same_as_untraced("late.py", LATE_THREADING)
        self.assertEqual(plain.stdout, b"True True\n")

    def test_threads_still_traced(self):
        # the task of a _thread thread and of a threading.Thread are recorded, named as before
        self.write("traced.py", STACKS)
        self.assertEqual(self.run_script("traced.py").returncode, 0)
        run = self.single_run()
        self.assertGreaterEqual(run.count("CALL", "raw"), 1)
        self.assertEqual(run.count("CALL", "where"), 2)
        threads = dict((t.get("thread", 0), t) for t in run.threads)
        self.assertEqual(len(threads), 3, run.threads)
        callers = set(e[4] for e in run.events if e[0] == "CALL" and e[2] in run.code_by_name("where"))
        self.assertEqual(len(callers), 2)
        self.assertNotIn(0, callers)
        names = sorted(str(t.get("name", "")) for t in run.threads)
        self.assertIn("worker", names)
