"""Ignore rules (issue 14): pip, pytest and the like record no run, decided at start-up; config from
[tool.labtrace] in pyproject.toml and $LABTRACE_HOME/config.toml. Real invocations with the agent on
(the daemon down: a recorded run would be spooled)."""
import os
import subprocess
import sys
import unittest

from tests.support import AGENT_DIR, AgentTestCase, clean_env

from labtrace_agent.lifecycle import ignore

REPO = os.path.dirname(AGENT_DIR)
VENV_PYTHON = os.path.join(REPO, ".venv", "bin", "python")


def has_module(python, name):
    return subprocess.run([python, "-c", "import " + name], env=clean_env(), stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


class IgnoredInvocationsTest(AgentTestCase):
    def invoke(self, argv, agent=True, env=None):
        e = clean_env(self.home)
        if agent:
            e["PYTHONPATH"] = AGENT_DIR
        if env:
            e.update(env)
        return subprocess.run(argv, cwd=self.project, env=e, timeout=120, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def assert_same_and_unrecorded(self, argv):
        plain = self.invoke(argv, agent=False)
        traced = self.invoke(argv)
        self.assertEqual((traced.returncode, traced.stdout), (plain.returncode, plain.stdout))
        self.assertEqual(self.runs(), {}, "%s was recorded" % " ".join(argv))
        self.assertEqual(self.agent_log(), "")

    def test_pip_version_records_no_run(self):
        if not has_module(self.python, "pip"):
            self.skipTest("no pip for %s" % self.python)
        self.assert_same_and_unrecorded([self.python, "-m", "pip", "--version"])
        script = os.path.join(os.path.dirname(self.python), "pip")
        if os.path.isfile(script):
            self.assert_same_and_unrecorded([script, "--version"])

    def test_python_m_pytest_records_no_run(self):
        python = self.python if has_module(self.python, "pytest") else VENV_PYTHON
        if not os.path.isfile(python) or not has_module(python, "pytest"):
            self.skipTest("no pytest (make venv)")
        self.write("test_small.py", """
            def test_one():
                assert 1 + 1 == 2
        """)
        plain = self.invoke([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_small.py"], agent=False)
        traced = self.invoke([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_small.py"])
        self.assertEqual(plain.returncode, 0, plain.stdout + plain.stderr)
        self.assertEqual(traced.returncode, 0)
        self.assertIn(b"1 passed", traced.stdout)
        self.assertEqual(self.runs(), {})

    def test_scripts_and_c_are_still_recorded(self):
        self.write("train.py", "x = 1\n")
        self.assertEqual(self.run_script("train.py").returncode, 0)
        self.assertEqual(self.invoke([self.python, "-X", "utf8", "-c", "print(2)"]).stdout.strip(), b"2")
        self.assertEqual(len(self.runs()), 2)

    def test_pyproject_ignore_and_home_config_record(self):
        self.write("pyproject.toml", """
            [project]
            name = "demo"

            [tool.labtrace]
            # scratch files are not experiments
            ignore = [
              "scratch_*.py",  # by file name
              "-m json.tool",
            ]
            [tool.other]
            ignore = ["train.py"]
        """)
        self.write("scratch_1.py", "x = 1\n")
        self.write("train.py", "x = 1\n")
        self.run_script("scratch_1.py")
        self.invoke([self.python, "-m", "json.tool", "--help"])
        self.assertEqual(self.runs(), {})
        self.run_script("train.py")
        self.assertEqual(len(self.runs()), 1)
        os.makedirs(self.home, exist_ok=True)
        with open(os.path.join(self.home, "config.toml"), "w") as f:
            f.write('[tool.labtrace]\nrecord = ["pip"]\n')
        if has_module(self.python, "pip"):
            self.invoke([self.python, "-m", "pip", "--version"])
            self.assertEqual(len(self.runs()), 2)


class RulesTest(unittest.TestCase):
    def test_program_from_the_command_line(self):
        p = ignore.program
        self.assertEqual(p(["-m", "x"], ["py", "-X", "dev", "-W", "ignore", "-m", "pytest", "-q"]), ("module", "pytest"))
        self.assertEqual(p(["-m"], ["py", "-uBm", "pip", "install"]), ("module", "pip"))
        self.assertEqual(p(["-m"], ["py", "-mpip"]), ("module", "pip"))
        self.assertEqual(p(["-c"], ["py", "-I", "-c", "import setuptools"]), ("command", "import setuptools"))
        self.assertEqual(p(["/x/bin/pip", "install"], None), ("script", "/x/bin/pip"))
        self.assertEqual(p([""], None), ("interactive", ""))

    def test_defaults(self):
        home = "/nonexistent-labtrace-home"
        ig = lambda argv, cmd=None: ignore.ignored(home, argv, "/") if cmd is None else self._with_cmd(home, argv, cmd)
        self.assertTrue(ig(["/v/bin/pip", "--version"]))
        self.assertTrue(ig(["/v/bin/jupyter-lab"]))
        self.assertTrue(ig(["/v/lib/python3.11/site-packages/pip/_vendor/pyproject_hooks/_in_process/_in_process.py", "build_wheel"]))
        self.assertTrue(ig(["setup.py", "bdist_wheel"]))
        self.assertTrue(ig(["/v/bin/pylsp"]))
        self.assertFalse(ig(["/home/me/train.py"]))
        self.assertFalse(ig(["/home/me/build.py"]))
        self.assertFalse(ig([""]))
        self.assertTrue(self._with_cmd(home, ["-m"], ["py", "-m", "pytest"]))
        self.assertTrue(self._with_cmd(home, ["-c"], ["py", "-c", "import io, os, sys, setuptools, tokenize"]))
        self.assertFalse(self._with_cmd(home, ["-m"], ["py", "-m", "ipykernel_launcher", "-f", "k.json"]))
        self.assertFalse(self._with_cmd(home, ["-c"], ["py", "-c", "print(1)"]))

    def _with_cmd(self, home, argv, cmdline):
        saved = ignore.command_line
        ignore.command_line = lambda: cmdline
        try:
            return ignore.ignored(home, argv, "/")
        finally:
            ignore.command_line = saved

    def test_toml_subset(self):
        text = '\n'.join([
            'top = "t"',
            '[tool.labtrace]',
            'ignore = ["a # not a comment", \'b\',  # comment',
            '  "c\\"d"]',
            'default_ignore = false',
            'n = 3',
            '[tool.labtrace.sub]',
            'ignore = ["no"]',
        ])
        self.assertEqual(ignore.parse_table(text, ("tool.labtrace",)), {"ignore": ["a # not a comment", "b", 'c"d'], "default_ignore": False, "n": 3})
        self.assertEqual(ignore.parse_table(text, ("labtrace", "")), {"top": "t"})
        self.assertTrue(ignore.glob_match("scratch_*.py", "scratch_1.py"))
        self.assertTrue(ignore.glob_match("*/_in_process.py", "/a/b/_in_process.py"))
        self.assertFalse(ignore.glob_match("pip3.?", "pip3.12"))


if __name__ == "__main__":
    unittest.main()
