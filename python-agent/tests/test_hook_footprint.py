"""What the agent's hooks leave for the program to see (issue 8), found by CPython's own tests traced
(docs/transparency.md): audit events of the agent's frame reads (test_audit), the record's objects in
the program's gc counts and object lists, a collection started inside a callback (test_gc, test_frame).
Each script prints what the program sees; traced must equal untraced."""
import sys
import unittest

from tests.support import AgentTestCase, line_of, HAS_MONITORING, NATIVE_BUILT

SCRIPTS = {
    # CPython's test_audit test_basic, test_mmap, test_sys_getframe (3.12+): the sys.monitoring callbacks
    # and the record read frames with sys._getframe and frame.f_code / function.__code__, each an audit
    # event the program's hook saw (library calls sampled, a user function's exception, opens)
    "audit_frame_reads.py": '''\
import sys, json, mmap
seen = []
sys.addaudithook(lambda event, args: seen.append(event) if event in ("sys._getframe", "object.__getattr__") else None)
def user(x):
    if x[0] == 1:
        raise ValueError(x)
    return json.dumps(x)
for i in range(3):
    try:
        user([i])
    except ValueError:
        pass
    mmap.mmap(-1, 8).close()
    with open(__file__) as f:
        f.read(1)
print(seen)
''',
    # CPython's test_gc test_get_count, test_get_objects_arguments (3.12+): the record's event and
    # pending-call tuples were gc-tracked objects the program counted and listed between two calls
    # (the switch interval keeps the sender thread out of the window, on both sides)
    "gc_counts.py": '''\
import gc, sys
sys.setswitchinterval(100)
def counts():
    gc.collect()
    a, b, c = gc.get_count()
    x = []
    d, e, f = gc.get_count()
    return a < 5 and d > a, len(gc.get_objects()) == len(gc.get_objects(generation=None))
counts()  # (traced, the first call of each callee registers its id: a tuple kept for the run)
print([counts() for i in range(5)])
''',
    # CPython's test_frame test_sneaky_frame_object (3.11, 3.12): the first gc allocation after
    # gc.enable() was our callback's, so the collection (and the program's gc callback) ran in it
    "gc_sneaky_frame.py": '''\
import gc, sys
def sneaky():
    def trace(frame, event, arg):
        pass
    def callback(phase, info):
        nonlocal found
        found = sys._getframe().f_back.f_back
        gc.callbacks.remove(callback)
    def f():
        while True:
            yield
    old = gc.get_threshold()
    gc.disable()
    g = f()
    next(g)
    gc.collect()
    gc.set_threshold(1, 0, 0)
    sys.settrace(trace)
    gc.callbacks.append(callback)
    found = None
    gc.enable()
    next(g)
    sys.settrace(None)
    gc.set_threshold(*old)
    return g.gi_frame is found, found.f_code.co_name
print(sneaky())
''',
    # The same on 3.11's setprofile hook, where the sneaky-frame test itself cannot pass traced (any
    # profile function makes the generator's frame object at its first resume, cProfile too): the
    # collection that the program's next allocation starts must start in the program's frame, not in
    # the slow path at gc.enable()'s c_return (the program's gc callback saw slow_path's frame)
    "gc_collect_site.py": '''\
import gc, sys
def where():
    seen = []
    def callback(phase, info):
        if phase == "start":
            f = sys._getframe()
            seen.append(f.f_back.f_code.co_name if f.f_back else None)
            gc.callbacks.remove(callback)
    old = gc.get_threshold()
    gc.disable()
    gc.collect()
    gc.set_threshold(1, 0, 0)
    gc.callbacks.append(callback)
    gc.enable()
    x = [[], [], []]
    for i in range(3):  # (3.12+ runs the collection at the next eval-breaker check)
        x.append(i)
    gc.set_threshold(*old)
    return seen
print(where(), where())
''',
}


class HookFootprintTest(AgentTestCase):
    def compare(self, name):
        self.write(name, SCRIPTS[name])
        plain = self.run_script(name, agent=False)
        traced = self.run_script(name)
        self.assertEqual((traced.returncode, traced.stdout, traced.stderr), (plain.returncode, plain.stdout, plain.stderr))
        self.assertEqual(self.agent_log(), "")
        return plain, traced

    @unittest.skipUnless(HAS_MONITORING and NATIVE_BUILT, "the C frame readers are _monitorhook's (3.12+)")
    def test_audit_hook_sees_no_frame_read(self):
        plain, _ = self.compare("audit_frame_reads.py")
        self.assertEqual(plain.stdout, b"[]\n")
        run = self.single_run()  # recorded all the same: the library calls at their lines, the exception
        line = line_of(SCRIPTS["audit_frame_reads.py"], "return json.dumps")
        self.assertEqual([c[2] for c in run.lib_calls() if c[1] == "dumps"], [line, line])
        self.assertEqual(run.count("EXCEPTION", "user"), 1)

    @unittest.skipUnless(HAS_MONITORING, "sys.monitoring")
    def test_frame_reads_without_the_c_module(self):
        # LABTRACE_NATIVE=0: the Python readers (audited) record the same
        self.write("audit_frame_reads.py", SCRIPTS["audit_frame_reads.py"])
        traced = self.run_script("audit_frame_reads.py", env={"LABTRACE_NATIVE": "0"})
        self.assertEqual(traced.returncode, 0, traced.stderr)
        self.assertEqual(self.agent_log(), "")
        run = self.single_run()
        line = line_of(SCRIPTS["audit_frame_reads.py"], "return json.dumps")
        self.assertEqual([c[2] for c in run.lib_calls() if c[1] == "dumps"], [line, line])
        self.assertEqual(run.count("EXCEPTION", "user"), 1)

    @unittest.skipUnless(NATIVE_BUILT, "the C hook's gc accounting (3.12+: the monitoring guard; 3.8-3.11: the "
                         "setprofile hook's untracked records, _profilehook VERSION 6)")
    def test_gc_counts_and_objects_unchanged(self):
        plain, _ = self.compare("gc_counts.py")
        self.assertEqual(plain.stdout, b"[" + b", ".join([b"(True, True)"] * 5) + b"]\n")
        run = self.single_run()
        self.assertEqual(len([c for c in run.lib_calls() if c[1] == "get_objects"]), 8)  # 2 sites, 4 samples each

    @unittest.skipUnless(HAS_MONITORING and NATIVE_BUILT, "the monitoring guard's gc accounting (3.12+)")
    def test_no_collection_in_our_callbacks(self):
        plain, _ = self.compare("gc_sneaky_frame.py")
        self.assertEqual(plain.stdout, b"(True, 'f')\n")

    # 3.12+ not yet: traced, the second call's collection does not start in `where` (docs/transparency.md)
    @unittest.skipUnless(NATIVE_BUILT and sys.version_info[:2] == (3, 11), "the setprofile C hook hides its "
                         "allocations from the gc count on 3.11 only (see call_slow in _profilehook.c)")
    def test_collection_starts_in_the_program(self):
        plain, _ = self.compare("gc_collect_site.py")
        self.assertEqual(plain.stdout, b"['where'] ['where']\n")
