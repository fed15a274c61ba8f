"""Internal failures switch the agent off (one agent.log line, program output unchanged);
LABTRACE_DISABLE=1 turns it off entirely."""
import os
import unittest

from tests.support import AgentTestCase

SCRIPT = 'def f(x):\n    return x + 1\n\nprint([f(i) for i in range(3)])\nimport sys\nsys.stderr.write("e\\n")\nsys.exit(2)\n'


class FailureTest(AgentTestCase):
    def check_unchanged(self, env):
        self.write("s.py", SCRIPT)
        plain = self.run_script("s.py", agent=False)
        traced = self.run_script("s.py", env=env)
        self.assertEqual((traced.returncode, traced.stdout, traced.stderr),
                         (plain.returncode, plain.stdout, plain.stderr))
        return traced

    def log_lines(self):
        return [ln for ln in self.agent_log().splitlines() if ln.strip()]

    def test_disable(self):
        self.check_unchanged({"LABTRACE_DISABLE": "1"})
        self.assertFalse(os.path.exists(self.home))

    def test_injected_failures(self):
        for stage in ("init", "start", "sender", "hook"):
            with self.subTest(stage=stage):
                self.home = os.path.join(self.tmp, "home-" + stage)
                self.check_unchanged({"LABTRACE_TEST_FAIL": stage})
                lines = self.log_lines()
                self.assertEqual(len(lines), 1, lines)
                self.assertIn("switched off", lines[0])
                self.assertIn("injected failure at " + stage, lines[0])

    @unittest.skipIf(os.geteuid() == 0, "root can write anywhere")
    def test_unwritable_home(self):
        os.makedirs(self.home)
        os.chmod(self.home, 0o500)
        self.check_unchanged({})

    def test_home_is_a_file(self):
        # spool dir cannot be created: the agent switches off, and the log cannot be written either
        with open(os.path.join(self.tmp, "f"), "w") as f:
            f.write("x")
        self.home = os.path.join(self.tmp, "f")
        self.check_unchanged({})

    def test_spool_dir_blocked(self):
        os.makedirs(self.home)
        with open(os.path.join(self.home, "spool"), "w") as f:
            f.write("not a dir")
        self.check_unchanged({})
        lines = self.log_lines()
        self.assertEqual(len(lines), 1, lines)
        self.assertIn("switched off", lines[0])

    def test_debug_prints_to_stderr_only(self):
        self.write("s.py", SCRIPT)
        p = self.run_script("s.py", env={"LABTRACE_DEBUG": "1"})
        self.assertEqual(p.stdout, b"[1, 2, 3]\n")
        self.assertIn(b"labtrace:", p.stderr)


if __name__ == "__main__":
    unittest.main()
