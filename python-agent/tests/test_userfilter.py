import os
import sys
import tempfile
import unittest

from tests import support  # noqa: F401
from labtrace_agent.hooks.userfilter import UserFilter, project_root_for


class UserFilterTest(unittest.TestCase):
    def setUp(self):
        self.root = os.path.realpath(tempfile.mkdtemp())
        self.f = UserFilter(self.root, cwd=self.root)

    def test_project_files_are_user(self):
        self.assertTrue(self.f.is_user(os.path.join(self.root, "a.py")))
        self.assertTrue(self.f.is_user(os.path.join(self.root, "pkg", "mod.py")))
        self.assertTrue(self.f.is_user("rel.py"))  # relative to cwd

    def test_non_user(self):
        self.assertFalse(self.f.is_user(os.__file__))
        self.assertFalse(self.f.is_user("<frozen importlib._bootstrap>"))
        self.assertFalse(self.f.is_user("<string>"))
        self.assertFalse(self.f.is_user(""))
        self.assertFalse(self.f.is_user(os.path.join(os.path.dirname(self.root), "elsewhere.py")))
        self.assertFalse(self.f.is_user(os.path.join(self.root, ".venv", "lib", "python3.11", "site-packages", "x.py")))
        import labtrace_agent
        self.assertFalse(self.f.is_user(labtrace_agent.__file__))

    def test_globs(self):
        inc = os.path.join(os.path.dirname(self.root), "shared", "*.py")
        exc = os.path.join(self.root, "vendor", "*")
        f = UserFilter(self.root, include=[inc, os.path.join(self.root, "*", "site-packages", "mine*")],
                       exclude=[exc], cwd=self.root)
        self.assertTrue(f.is_user(os.path.join(os.path.dirname(self.root), "shared", "util.py")))
        self.assertFalse(f.is_user(os.path.join(self.root, "vendor", "lib.py")))
        self.assertTrue(f.is_user(os.path.join(self.root, "a.py")))
        self.assertTrue(f.is_user(os.path.join(self.root, "env", "site-packages", "mine.py")))

    def test_exclude_wins(self):
        g = os.path.join(self.root, "*")
        f = UserFilter(self.root, include=[g], exclude=[g], cwd=self.root)
        self.assertFalse(f.is_user(os.path.join(self.root, "a.py")))

    def test_project_root(self):
        script = os.path.join(self.root, "sub", "s.py")
        os.makedirs(os.path.dirname(script))
        open(script, "w").close()
        self.assertEqual(project_root_for(script, "/"), os.path.dirname(script))
        self.assertEqual(project_root_for("sub/s.py", self.root), os.path.dirname(script))
        self.assertEqual(project_root_for("-c", self.root), self.root)
        self.assertEqual(project_root_for("", self.root), self.root)


if __name__ == "__main__":
    unittest.main()
