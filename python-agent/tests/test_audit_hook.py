"""Observed file I/O (issue 11): the C audit hook (_audithook.c) and the file rows of a traced run.

The hook is process-wide and cannot be removed, so the C-level tests run in a child interpreter."""
import json
import os
import subprocess
import sys
import textwrap
import unittest

from tests.support import AGENT_DIR, AgentTestCase, clean_env, line_of

try:
    from labtrace_agent import _audithook  # noqa: F401
    AUDIT_BUILT = True
except ImportError:
    AUDIT_BUILT = False

PRELUDE = """
import json, os, sys
sys.path.insert(0, %r)
from labtrace_agent import _audithook as A
seen = []
failures = []
""" % AGENT_DIR


def child(body, tmp):
    """Runs PRELUDE + body in a fresh interpreter in tmp; its last stdout line is JSON."""
    p = subprocess.run([sys.executable, "-c", PRELUDE + textwrap.dedent(body)], cwd=tmp, env=clean_env(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return p, (json.loads(p.stdout.decode().strip().splitlines()[-1]) if p.stdout.strip() else None)


@unittest.skipUnless(AUDIT_BUILT, "_audithook not built for this Python (make native)")
class CAuditHookTest(AgentTestCase):
    def test_only_file_events_reach_python(self):
        p, out = child("""
            A.install(lambda kind, args: seen.append([kind, str(args[0])]), failures.append)
            open("a.txt", "w").close()
            os.open("a.txt", os.O_RDONLY)
            os.rename("a.txt", "b.txt")
            os.replace("b.txt", "c.txt")
            os.truncate("c.txt", 0)
            os.path.exists("c.txt"); os.stat("c.txt")
            exec("x = 1"); compile("y = 2", "<s>", "exec"); sys._getframe(); import colorsys
            os.remove("c.txt")
            open("d.txt", "w").close(); os.unlink("d.txt")
            A.uninstall()
            open("e.txt", "w").close()
            print(json.dumps(seen))
        """, self.tmp)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = [e for e in out if not e[1].endswith(".pyc")]  # (the import reads colorsys's bytecode)
        self.assertEqual(out, [[0, "a.txt"], [0, "a.txt"], [1, "a.txt"], [1, "b.txt"], [3, "c.txt"], [2, "c.txt"],
                               [0, "d.txt"], [2, "d.txt"]])

    def test_never_reentered_nor_called_for_the_agents_own_work(self):
        p, out = child("""
            def cb(kind, args):
                seen.append(str(args[0]))
                open("inner.txt", "w").close()   # the callback's own open: not seen
            A.install(cb, failures.append)
            open("outer.txt", "w").close()
            was = A.enter()
            open("agent.txt", "w").close()       # the agent's own work (hashing)
            A.leave(was)
            open("after.txt", "w").close()
            print(json.dumps([seen, A.state()["calls"], failures]))
        """, self.tmp)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(out, [["outer.txt", "after.txt"], 2, []])

    def test_a_failing_callback_switches_off_and_never_raises_into_the_program(self):
        p, out = child("""
            def cb(kind, args):
                seen.append(str(args[0]))
                raise ValueError("boom")
            A.install(cb, lambda exc: failures.append(repr(exc)))
            with open("a.txt", "w") as f:
                f.write("kept")
            open("b.txt", "w").close()
            st = A.state()
            print(json.dumps([seen, failures, st["dead"], st["calls"], open("a.txt").read()]))
        """, self.tmp)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(out, [["a.txt"], ["ValueError('boom')"], 1, 1, "kept"])

    def test_recursion_error_skips_the_event_and_keyboard_interrupt_is_the_programs(self):
        p, out = child("""
            def cb(kind, args):
                name = str(args[0])
                seen.append(name)
                if name == "deep.txt":
                    raise RecursionError("no room")
                if name == "sigint.txt":
                    raise KeyboardInterrupt
            A.install(cb, failures.append)
            open("deep.txt", "w").close()
            try:
                open("sigint.txt", "w")
                result = "no exception"
            except KeyboardInterrupt:
                result = "KeyboardInterrupt"
            open("later.txt", "w").close()
            print(json.dumps([seen, result, failures, A.state()["dead"]]))
        """, self.tmp)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(out, [["deep.txt", "sigint.txt", "later.txt"], "KeyboardInterrupt", [], 0])


# A program's own tracer (sys.settrace) around its opens (issue 8: CPython's test_trace and test_bdb): the
# file record's callback runs with tracing off, as CPython runs a Python audit hook.
TRACER_SCRIPTS = {
    "sees.py": """\
        import os, sys
        seen = set()
        def tracer(frame, event, arg):
            seen.add(frame.f_code.co_filename)
            return tracer
        sys.settrace(tracer)
        with open("data.txt", "w") as f:
            f.write("x")
        with open("data.txt") as f:
            f.read()
        sys.settrace(None)
        print([n for n in seen if "labtrace" in n])
        print(sorted(os.path.basename(n) for n in seen))
    """,
    # like bdb: the tracer raises on an event it does not expect (a call outside this file) and at target()
    "raises.py": """\
        import sys
        class Unexpected(Exception):
            pass
        class Stop(Exception):
            pass
        def target():
            return "ran"
        foreign = []
        def tracer(frame, event, arg):
            if event == "call" and frame.f_code.co_filename != __file__:
                foreign.append(frame.f_code.co_filename)
                raise Unexpected(frame.f_code.co_name)
            if event == "call" and frame.f_code.co_name == "target":
                raise Stop("at target")
            return None
        sys.settrace(tracer)
        try:
            open("data.bin", "wb").close()
            open("data.bin", "rb").close()
            target()
            result = "no exception"
        except Exception as e:
            result = "%s: %s" % (type(e).__name__, e)
        sys.settrace(None)
        print(result, foreign)
    """,
}


@unittest.skipUnless(AUDIT_BUILT, "_audithook not built for this Python (make native)")
class ProgramTracerTest(AgentTestCase):
    def same_as_untraced(self, name):
        self.write(name, TRACER_SCRIPTS[name])
        plain = self.run_script(name, agent=False)
        traced = self.run_script(name)
        self.assertEqual((traced.returncode, traced.stdout, traced.stderr),
                         (plain.returncode, plain.stdout, plain.stderr))
        self.assertEqual(self.agent_log(), "")
        rows = [f for b in self.single_run().batches for f in b.get("file_accesses", [])]
        self.assertEqual(set(f.get("source") for f in rows), {"audit"})  # the C hook's callback ran
        return plain.stdout.decode()

    def test_the_programs_tracer_sees_no_frame_of_ours(self):
        out = self.same_as_untraced("sees.py")
        self.assertTrue(out.startswith("[]\n"), out)

    def test_an_exception_from_the_programs_tracer_reaches_the_program(self):
        self.assertEqual(self.same_as_untraced("raises.py"), "Stop: at target []\n")


# Reads, writes, renames and removes through built paths (shared with test/e2e/observed-files.test.ts).
with open(os.path.join(os.path.dirname(AGENT_DIR), "test", "fixtures", "scripts", "observed_files.py")) as _f:
    SCRIPT = _f.read()


class FileRowsTest(AgentTestCase):
    def files(self):
        run = self.single_run()
        return [f for b in run.batches for f in b.get("file_accesses", [])]

    def traced(self, native):
        os.makedirs(os.path.join(self.project, "data"))
        for name in ("x.csv", "y.csv", "z.csv", "notes.csv"):
            with open(os.path.join(self.project, "data", name), "w") as f:
                f.write(name + "\n")
        self.write("s.py", SCRIPT)
        p = self.run_script("s.py", env={"LABTRACE_NATIVE": "1" if native else "0"})
        self.assertEqual(p.returncode, 0, p.stderr)
        data = os.path.join(os.path.realpath(self.project), "data")
        return data, dict(((f["path"][len(data) + 1:], f.get("mode")), f) for f in self.files())

    @unittest.skipUnless(AUDIT_BUILT or sys.version_info >= (3, 12), "no audit hook here without _audithook")
    def test_observed_reads_writes_renames_and_removes(self):
        data, rows = self.traced(native=True)
        self.assertEqual(sorted(rows), [("final.txt", "rename"), ("kept.txt", "remove"), ("kept.txt", "w"),
                                        ("moved.pkl", "remove"), ("moved.pkl", "rename"), ("out1.pkl", "r"),
                                        ("out1.pkl", "remove"), ("out1.pkl", "w"), ("x.csv", "r"), ("y.csv", "r")])
        self.assertEqual(set(f.get("source") for f in rows.values()), {"audit"})
        self.assertEqual(rows[("x.csv", "r")]["line"], line_of(SCRIPT, "os.path.join(DATA"))
        self.assertEqual(rows[("x.csv", "r")]["size"], 6)
        self.assertTrue(rows[("out1.pkl", "w")].get("write"))
        self.assertFalse(rows[("out1.pkl", "r")].get("write", False))
        self.assertEqual(self.agent_log(), "")

    @unittest.skipIf(sys.version_info >= (3, 12), "3.12+ keeps a Python audit hook without _audithook")
    def test_without_the_c_hook_rows_say_inferred(self):
        _data, rows = self.traced(native=False)
        self.assertTrue(rows)
        self.assertEqual(set(f.get("source") for f in rows.values()), {"inferred"})

    @unittest.skipUnless(AUDIT_BUILT, "_audithook not built for this Python (make native)")
    def test_callback_failure_switches_the_agent_off_quietly(self):
        self.write("w.py", """\
            with open("out.txt", "w") as f:
                f.write("x")
            print(open("out.txt").read())
        """)
        p = self.run_script("w.py", env={"LABTRACE_TEST_FAIL": "audit"})
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, b"x\n", b""))
        self.assertIn("injected failure at audit", self.agent_log())

    def test_python_m_records_the_module_as_script(self):
        self.write("pkg/__init__.py", "")
        self.write("pkg/train.py", "print('ok')\n")
        e = clean_env(self.home, PYTHONPATH=AGENT_DIR)
        p = subprocess.run([self.python, "-X", "utf8", "-m", "pkg.train", "-f", "x"], cwd=self.project, env=e,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.single_run().hello["run"]["script"], "pkg.train")


if __name__ == "__main__":
    unittest.main()
