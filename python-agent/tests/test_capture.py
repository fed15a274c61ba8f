"""Event capture: real scripts run under the agent in subprocesses, daemon down -> spool decoded."""
import os
import sys
import unittest

from tests.support import AgentTestCase, HAS_MONITORING, line_of

SCRIPT = '''\
import json
import math
import helper


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def twice(x):
    return helper.double(x) + len(str(x))


def boom():
    raise ValueError("bad value")


x = fib(10)
for i in range(40):
    twice(i)
s = json.dumps({"a": x})
r = math.sqrt(16.0)
try:
    boom()
except ValueError:
    pass
print("done", x)
'''

HELPER = '''\
def double(x):
    return 2 * x
'''


class CaptureMixin(object):
    backend = None
    extra_env = {}

    def env(self):
        env = dict(self.extra_env)
        if self.backend:
            env["LABTRACE_BACKEND"] = self.backend
        return env

    def run_main(self):
        self.write("main.py", SCRIPT)
        self.write("helper.py", HELPER)
        p = self.run_script("main.py", env=self.env())
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, b"done 55\n")
        self.assertEqual(p.stderr, b"")
        return self.single_run()

    def test_hello_and_run_end(self):
        run = self.run_main()
        info = run.hello["run"]
        self.assertEqual(len(run.run_id), 32)
        self.assertEqual(run.hello["protocol_version"], 1)
        self.assertEqual(info["script"], os.path.join(self.project, "main.py"))
        self.assertEqual(len(info["script_sha256"]), 64)
        self.assertEqual(info["project_root"], os.path.realpath(self.project))
        self.assertEqual(info["argv"], ["main.py"])
        self.assertEqual(info["python_implementation"], "CPython")
        self.assertTrue(info["backend"])
        self.assertTrue(info["backend_reason"])
        self.assertGreater(info.get("memory_bytes", 0), 0)
        self.assertGreater(info.get("cpu_count", 0), 0)
        self.assertNotIn("token", run.hello)  # spool copies carry no token
        end = run.end
        self.assertIsNotNone(end)
        self.assertEqual(end.get("exit_code", 0), 0)
        self.assertEqual(end["end_reason"], "exit")
        self.assertEqual(end["seq"], len(run.batches) + 1)
        self.assertEqual(end["events_recorded"], len(run.events))
        self.assertEqual([b["seq"] for b in run.batches], list(range(1, len(run.batches) + 1)))

    def test_code_objects(self):
        run = self.run_main()
        fib = run.code_by_name("fib")
        self.assertEqual(len(fib), 1)
        c = run.codes[fib[0]]
        self.assertTrue(c["user"])
        self.assertEqual(c["first_line"], line_of(SCRIPT, "def fib"))
        self.assertEqual(run.module(fib[0]), "__main__")
        self.assertEqual(run.s(c["file"]), os.path.join(self.project, "main.py"))
        dbl = run.code_by_name("double")
        self.assertEqual(run.module(dbl[0]), "helper")

    def test_calls_and_returns(self):
        run = self.run_main()
        # twice() is called 40 times: 16 streamed then aggregated
        tw = run.code_by_name("twice")[0]
        self.assertEqual(run.count("CALL", "twice"), 16)
        self.assertEqual(run.count("RETURN", "twice"), 16)
        st = run.stats[tw]
        self.assertGreaterEqual(st["calls"], 17)
        self.assertEqual(st["timed_calls"], 16)
        self.assertGreater(st["total_ns"], 0)
        rets = [e for e in run.events if e[0] == "RETURN" and e[2] == tw]
        self.assertTrue(all(e[6] > 0 for e in rets))
        # recursion: fib(10) makes 177 calls; the first 16 are streamed
        self.assertEqual(run.count("CALL", "fib"), 16)
        self.assertLessEqual(run.count("RETURN", "fib"), 16)
        # the helper module is user code too
        self.assertEqual(run.count("CALL", "double"), 16)

    def test_statements(self):
        run = self.run_main()
        lines = run.statements()
        # module-level statements that call something (all a setprofile backend can see)
        texts = ["import json", "x = fib(10)", "    twice(i)", "json.dumps", "    boom()"]
        if self.backend != "settrace":  # settrace sees no calls into C functions
            texts += ["math.sqrt", "print("]
        for text in texts:
            self.assertIn(line_of(SCRIPT, text), lines, text)
        self.assertFalse(set(lines) - set(range(1, len(SCRIPT.splitlines()) + 1)))
        self.assertEqual(len(lines), len(set(lines)))
        self.assertNotIn(line_of(SCRIPT, "return n"), lines)  # not module level
        if self.backend == "monitoring" or (HAS_MONITORING and not self.backend):
            # LINE events see every statement, calls or not
            for text in ("import math", "for i in range", "try:", "def fib", "def boom"):
                self.assertIn(line_of(SCRIPT, text), lines, text)

    def test_lib_calls(self):
        run = self.run_main()
        calls = run.lib_calls()
        names = set((m, q) for m, q, _line, _caller, _d in calls)
        self.assertIn(("json", "dumps"), names)
        dumps = [c for c in calls if c[1] == "dumps"][0]
        self.assertEqual(dumps[2], line_of(SCRIPT, "json.dumps"))  # call-site line
        self.assertEqual(run.qualname(dumps[3]), "<module>")  # caller
        if self.backend == "settrace":
            return  # settrace sees Python callees only, and no durations
        self.assertIn(("math", "sqrt"), names)
        self.assertIn(("builtins", "len"), names)
        self.assertGreater(dumps[4], 0)                      # duration
        # per call site sampling: len() in twice() is recorded at most 4 times
        self.assertLessEqual(len([c for c in calls if c[1] == "len"]), 4)

    def test_imports(self):
        run = self.run_main()
        names = run.import_names()
        self.assertIn("json", names)
        self.assertIn("helper", names)
        self.assertNotIn("labtrace_agent", names)
        self.assertNotIn("socket", names)
        imp = [i for i in run.imports if run.s(i["module"]) == "helper"][0]
        self.assertEqual(run.s(imp["file"]), os.path.join(self.project, "helper.py"))

    def test_exception(self):
        run = self.run_main()
        boom = run.code_by_name("boom")[0]
        ev = [e for e in run.events if e[0] == "EXCEPTION"]
        self.assertEqual(len(ev), 1)
        self.assertEqual(ev[0][2], boom)
        self.assertEqual(ev[0][3], line_of(SCRIPT, "raise ValueError"))
        self.assertEqual(len(run.exceptions), 1)
        exc = run.exceptions[0]
        self.assertEqual(exc["code_id"], boom)
        self.assertEqual(exc["line"], line_of(SCRIPT, "raise ValueError"))
        if self.backend != "setprofile" and (HAS_MONITORING or self.backend == "settrace"):
            self.assertEqual(exc["type"], "ValueError")
            self.assertEqual(exc["message"], "bad value")

    def test_uncaught_exception_and_exit_code(self):
        self.write("bad.py", "def f():\n    raise KeyError('k')\n\nf()\n")
        p = self.run_script("bad.py", env=self.env())
        self.assertEqual(p.returncode, 1)
        end = self.single_run().end
        self.assertEqual(end["exit_code"], 1)
        self.assertEqual(end["exception_type"], "KeyError")
        self.assertEqual(end["exception_message"], "'k'")
        self.assertEqual(end["end_reason"], "exception")

    def test_sys_exit_code(self):
        self.write("ex.py", "import sys\nsys.exit(3)\n")
        p = self.run_script("ex.py", env=self.env())
        self.assertEqual(p.returncode, 3)
        self.assertEqual(self.single_run().end["exit_code"], 3)

    def test_threads(self):
        self.write("th.py", '''\
import threading

def work(n):
    return sum(range(n))

ts = [threading.Thread(target=work, args=(10,), name="worker-%d" % i) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
''')
        p = self.run_script("th.py", env=self.env())
        self.assertEqual(p.returncode, 0, p.stderr)
        run = self.single_run()
        calls = [e for e in run.events if e[0] == "CALL" and run.qualname(e[2]) == "work"]
        self.assertEqual(len(calls), 3)
        self.assertEqual(sorted(set(e[4] for e in calls)), [1, 2, 3])
        names = dict((t.get("thread", 0), t.get("name", "")) for t in run.threads)
        self.assertEqual(names.get(0), "MainThread")
        self.assertEqual(sorted(n for k, n in names.items() if k), ["worker-0", "worker-1", "worker-2"])


class DefaultBackendCaptureTest(CaptureMixin, AgentTestCase):
    backend = None


class SetprofileCaptureTest(CaptureMixin, AgentTestCase):
    backend = "setprofile"


class PurePythonSetprofileCaptureTest(CaptureMixin, AgentTestCase):
    """The pure-Python hook, which the C hook (where built) otherwise stands in for."""
    backend = "setprofile"
    extra_env = {"LABTRACE_NATIVE": "0"}


class SettraceCaptureTest(CaptureMixin, AgentTestCase):
    backend = "settrace"


@unittest.skipUnless(HAS_MONITORING, "default backend already tested")
class MonitoringCaptureTest(CaptureMixin, AgentTestCase):
    backend = "monitoring"


if __name__ == "__main__":
    unittest.main()
