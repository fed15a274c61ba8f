"""The agent's tables must not keep code objects alive: CPython's test_code CodeWeakRefTest.test_basic
(every Python) and CoExtra.test_free_called (3.8-3.11) found a code object compiled by exec/eval still
alive after the program dropped it (the agent's code-keyed tables and one-entry caches held it, and
through its co_consts every function it defined); a long-running program compiling code again and
again (notebooks, exec) leaked all of it."""
from tests.support import AgentTestCase

PROGRAM = '''\
import gc, os, sys, weakref
out = []
# library code (exec's "<string>"): the code of the function it defines dies with the function
ns = {}
exec("def f(): pass", globals(), ns)
f = ns.pop("f")
r = weakref.ref(f.__code__)
del f
gc.collect()
out.append(r() is None)
# the same, freed by its reference count alone (no gc)
f = eval("lambda: 42")
r = weakref.ref(f.__code__)
del f
out.append(r() is None)
# user code compiled and run again and again (a notebook cell): streamed calls, library calls
# sampled from it, statements (a function past the hot threshold stays in the setprofile hook's
# bounded hot-code table, 3.8-3.11: not tested here)
src = "import os\\ndef g(x):\\n    return os.path.join('a', str(x))\\nfor i in range(5):\\n    g(i)\\nlen([])\\n"
refs = []
for n in range(3):
    code = compile(src, os.path.join(os.path.dirname(os.path.abspath(__file__)), "cell.py"), "exec")
    glb = {"__name__": "cell"}
    exec(code, glb)
    refs.append(weakref.ref(code))
    refs.append(weakref.ref(glb["g"].__code__))
    del code, glb
for i in range(100):  # other hot code takes the one-entry caches
    os.path.join("b", str(i))
gc.collect()
out.append([r() is None for r in refs])
print(out)
'''


# A program's own tracer (bdb, trace, coverage) sees no frame of ours when a code object the agent
# watched dies (CPython's test_bdb printed "Exception ignored in: CodeTables._gone", test_trace
# counted lines of labtrace_agent/hooks/codetable.py).
UNDER_SETTRACE = '''\
import os, sys
seen = set()
def tracer(frame, event, arg):
    seen.add(os.path.basename(os.path.dirname(frame.f_code.co_filename)))
    return tracer
src = "def g(x):\\n    return x + 1\\nfor i in range(3):\\n    g(i)\\n"
name = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cell.py")
for n in range(5):
    code = compile(src, name, "exec")
    glb = {"__name__": "cell"}
    exec(code, glb)
    sys.settrace(tracer)
    del code, glb  # dies here, while the program's tracer is on
    sys.settrace(None)
print(sorted(seen))
'''


class CodeLifetimeTest(AgentTestCase):
    def test_code_death_runs_nothing_under_the_programs_tracer(self):
        self.write("traced.py", UNDER_SETTRACE)
        plain = self.run_script("traced.py", agent=False)
        traced = self.run_script("traced.py")
        self.assertEqual((traced.returncode, traced.stdout, traced.stderr), (0, plain.stdout, plain.stderr))
        self.assertEqual(self.agent_log(), "")

    def test_dropped_code_is_freed(self):
        self.write("codes.py", PROGRAM)
        plain = self.run_script("codes.py", agent=False)
        traced = self.run_script("codes.py")
        self.assertEqual(plain.stdout, b"[True, True, [True, True, True, True, True, True]]\n", plain.stderr)
        self.assertEqual((traced.returncode, traced.stdout, traced.stderr), (0, plain.stdout, plain.stderr))
        self.assertEqual(self.agent_log(), "")

    def test_recompiled_code_still_recorded(self):
        self.write("codes.py", PROGRAM)
        self.assertEqual(self.run_script("codes.py").returncode, 0)
        run = self.single_run()
        self.assertGreaterEqual(len(run.code_by_name("g")), 1)
        self.assertEqual(run.count("CALL", "g"), 15)
        self.assertIn(5, run.statements("cell"))
