import subprocess
import sys
import textwrap
import unittest

from tests.support import AGENT_DIR, clean_env, HAS_MONITORING
from labtrace_agent.lifecycle import chooser


def run_py(code):
    env = clean_env()
    env["PYTHONPATH"] = AGENT_DIR  # agent importable, but sitecustomize below is disabled
    env["LABTRACE_DISABLE"] = "1"
    out = subprocess.check_output([sys.executable, "-c", textwrap.dedent(code)], env=env)
    return out.decode().strip()


class ChooserTest(unittest.TestCase):
    def test_forced_backends(self):
        self.assertEqual(chooser.choose("setprofile")[:2], ("setprofile", "forced by LABTRACE_BACKEND=setprofile"))
        self.assertEqual(chooser.choose("settrace")[0], "settrace")
        name, reason, _ = chooser.choose("bogus")
        self.assertIn("unknown", reason)

    @unittest.skipIf(HAS_MONITORING, "3.12+ picks sys.monitoring")
    def test_old_python(self):
        name, reason, tid = chooser.choose("")
        self.assertEqual(name, "setprofile")
        self.assertIn("sys.monitoring unavailable", reason)
        name, reason, tid = chooser.choose("monitoring")
        self.assertEqual(name, "setprofile")
        self.assertIn("3.12+", reason)

    @unittest.skipUnless(HAS_MONITORING, "needs sys.monitoring")
    def test_monitoring_free_id(self):
        out = run_py("""
            from labtrace_agent.lifecycle import chooser
            print(chooser.choose(""))
        """)
        self.assertIn("'monitoring'", out)
        self.assertIn("tool id 3 free", out)

    @unittest.skipUnless(HAS_MONITORING, "needs sys.monitoring")
    def test_monitoring_steps_aside(self):
        out = run_py("""
            import sys
            sys.monitoring.use_tool_id(3, "someone")
            from labtrace_agent.lifecycle import chooser
            name, reason, tid = chooser.choose("")
            print(name, tid, reason)
        """)
        self.assertTrue(out.startswith("monitoring 4 "), out)
        self.assertIn("3 (someone)", out)

    @unittest.skipUnless(HAS_MONITORING, "needs sys.monitoring")
    def test_monitoring_all_taken_falls_back(self):
        out = run_py("""
            import sys
            for i in (3, 4, 5):
                sys.monitoring.use_tool_id(i, "t%d" % i)
            from labtrace_agent.lifecycle import chooser
            name, reason, tid = chooser.choose("")
            print(name, tid, reason)
        """)
        self.assertTrue(out.startswith("setprofile None "), out)
        self.assertIn("all in use", out)

    @unittest.skipUnless(HAS_MONITORING, "needs sys.monitoring")
    def test_agent_never_steals_tool_id(self):
        out = run_py("""
            import os, sys
            sys.monitoring.use_tool_id(3, "coverage-like")
            os.environ.pop("LABTRACE_DISABLE")
            import labtrace_agent.lifecycle.bootstrap as b
            a = b.initialize()
            print(sys.monitoring.get_tool(3), sys.monitoring.get_tool(4), a.backend_name)
            a.finish()
        """)
        self.assertEqual(out, "coverage-like labtrace monitoring")


if __name__ == "__main__":
    unittest.main()
