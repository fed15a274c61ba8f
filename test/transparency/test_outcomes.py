"""outcomes.py / compare.py on regrtest output shapes: python3 -m unittest discover -s test/transparency -p 'test_*.py'"""
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402
import outcomes  # noqa: E402

OLD_STYLE = textwrap.dedent("""\
    test_a (test.test_m.C) ... ok
    test_b (test.test_m.C)
    First docstring line. ... FAIL
    test_c (test.test_m.C) ... skipped 'no'
    test_d (test.test_m.C) ... some output the test printed
    ok

    ======================================================================
    FAIL: test_b (test.test_m.C)
    ----------------------------------------------------------------------
    Traceback (most recent call last):
      File "/x/labtrace_agent/backend_profile.py", line 3, in hook
    AssertionError
    ======================================================================
    ERROR: test_e (test.test_m.C) (i=1)
    ----------------------------------------------------------------------
    ValueError
    """)
NEW_STYLE = "test_a (test.test_m.C.test_a) ... ok\ntest_b (test.test_m.C.test_b) ... ERROR\n"


class OutcomeParsing(unittest.TestCase):
    def test_verbose_lines_both_id_styles_and_docstrings(self):
        self.assertEqual(outcomes.from_verbose(OLD_STYLE), {
            "test.test_m.C.test_a": ("pass", ""), "test.test_m.C.test_b": ("fail", ""),
            "test.test_m.C.test_c": ("skip", "")})
        self.assertEqual(sorted(outcomes.from_verbose(NEW_STYLE).items()), [
            ("test.test_m.C.test_a", ("pass", "")), ("test.test_m.C.test_b", ("error", ""))])

    def test_failure_headers_mark_subtests_and_keep_the_traceback(self):
        heads = outcomes.failure_headers(OLD_STYLE)
        self.assertEqual(heads["test.test_m.C.test_e"][0], "error")
        self.assertEqual(compare.agent_lines(heads["test.test_m.C.test_b"][1]),
                         ['File "/x/labtrace_agent/backend_profile.py", line 3, in hook'])

    def test_junit_xml_of_a_real_regrtest_run(self):
        """A tiny test package run by this interpreter's regrtest: pass, fail, skip, subtest failure."""
        work = tempfile.mkdtemp()
        try:
            with open(os.path.join(work, "test_tiny.py"), "w") as f:
                f.write(textwrap.dedent("""\
                    import unittest
                    class T(unittest.TestCase):
                        def test_pass(self): pass
                        def test_fail(self): self.fail("no")
                        @unittest.skip("s")
                        def test_skip(self): pass
                        def test_sub(self):
                            with self.subTest(i=1):
                                self.fail("sub")
                    """))
            xml = os.path.join(work, "j.xml")
            proc = subprocess.run([sys.executable, "-m", "test", "--testdir", work, "test_tiny", "-v",
                                   "--junit-xml", xml], cwd=work, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, universal_newlines=True)
            got = {k.rsplit(".", 1)[-1]: v[0] for k, v in outcomes.outcomes(xml, proc.stdout, True).items()}
            self.assertEqual(got, {"test_pass": "pass", "test_fail": "fail", "test_skip": "skip", "test_sub": "fail"})
        finally:
            shutil.rmtree(work)


class Classification(unittest.TestCase):
    def test_differs_twice_is_differing_once_is_flaky(self):
        first = compare.differences({"a": ("pass", ""), "b": ("pass", "")}, {"a": ("fail", ""), "b": ("error", "")})
        second = compare.differences({"a": ("pass", ""), "b": ("pass", "")}, {"a": ("fail", ""), "b": ("pass", "")})
        r = compare.ModuleResult("test_m")
        r.tests = 3
        compare.classify(r, first, second)
        self.assertEqual(sorted(r.differing), ["a"])
        self.assertEqual(sorted(r.flaky), ["b"])
        self.assertEqual(r.identical, 1)

    def test_exit_status_of_flaky_tests_only_is_flaky(self):
        # 3.13 test_gc: test_get_objects_arguments failed traced in the first run, test_get_count in the
        # second; each passed in the other run: the module's exit status differed in both
        u = {"a": ("pass", ""), "b": ("pass", ""), compare.EXIT_ID: ("0", "")}
        first = compare.differences(u, {"a": ("fail", ""), "b": ("pass", ""), compare.EXIT_ID: ("2", "")})
        second = compare.differences(u, {"a": ("pass", ""), "b": ("fail", ""), compare.EXIT_ID: ("2", "")})
        r = compare.ModuleResult("test_m")
        compare.classify(r, first, second)
        self.assertEqual((sorted(r.differing), sorted(r.flaky)), ([], sorted(["a", "b", compare.EXIT_ID])))
        # ...but with a test that differs in both runs the exit status does too
        third = compare.differences(u, {"a": ("fail", ""), "b": ("fail", ""), compare.EXIT_ID: ("2", "")})
        r = compare.ModuleResult("test_m")
        compare.classify(r, first, third)
        self.assertEqual(sorted(r.differing), sorted(["a", compare.EXIT_ID]))

    def test_inherent_only_when_every_run_fails_with_the_known_cause(self):
        setup = ('File ".../test_monitoring.py", line 77, in setUp\n'
                 '    self.assertEqual(sys.monitoring.get_events(tool), 0)\nAssertionError: 4097 != 0')
        texts = {"a": [setup, setup], "b": [setup, "AssertionError: elsewhere"], "c": ["ValueError", "ValueError"]}
        r = compare.ModuleResult("test_monitoring")
        r.tests = 4
        pair = [("pass", "fail"), ("pass", "fail")]
        r.differing = {"a": pair, "b": pair, "c": pair, compare.EXIT_ID: pair}
        compare.set_apart_inherent(r, lambda tid: texts.get(tid, []))
        self.assertEqual(sorted(r.inherent), ["a"])
        self.assertEqual(sorted(r.differing), ["<exit>", "b", "c"])  # the module still fails the check
        self.assertEqual(r.identical, 1)
        only = compare.ModuleResult("test_monitoring")
        only.differing = {"a": pair, compare.EXIT_ID: pair}
        compare.set_apart_inherent(only, lambda tid: texts.get(tid, []))
        self.assertEqual((sorted(only.inherent), only.differing), (["<exit>", "a"], {}))
        other = compare.ModuleResult("test_sys")  # the same text elsewhere is a plain difference
        other.differing = {"a": pair}
        compare.set_apart_inherent(other, lambda tid: texts.get(tid, []))
        self.assertEqual((other.inherent, sorted(other.differing)), ({}, ["a"]))

    def test_sneaky_frame_object_either_way_the_profiler_premade_frame_shows(self):
        frame = "<frame at 0x7f95d7eaba30, file '/x/test/test_frame.py', line 288, code f>"
        later = "AssertionError: %s is not <frame at 0x7f9, file '/x/test/test_frame.py', line 322, " \
                "code test_sneaky_frame_object>" % frame
        never = "AssertionError: %s is not None" % frame
        for texts in ([later, later], [never, later], [never, never]):
            r = compare.ModuleResult("test_frame")
            r.differing = {"s": [("pass", "fail"), ("pass", "fail")]}
            compare.set_apart_inherent(r, lambda tid: texts)
            self.assertEqual((sorted(r.inherent), r.differing), (["s"], {}), texts)
        r = compare.ModuleResult("test_frame")
        r.differing = {"s": [("pass", "fail"), ("pass", "fail")]}
        compare.set_apart_inherent(r, lambda tid: [never, "AssertionError: %s is not 1" % frame])
        self.assertEqual(sorted(r.differing), ["s"])

    def test_missing_on_one_side_is_absent(self):
        self.assertEqual(compare.differences({"a": ("pass", "")}, {}), {"a": ("pass", "absent")})


if __name__ == "__main__":
    unittest.main()
