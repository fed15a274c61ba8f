"""The agent's start-up modules come from one file (labtrace_agent/codeblob.py, issue 10): importing ~40
small modules from their .pyc files cost more than running their code. The program must not see the
difference: the same module attributes as an import from the file, sys.meta_path as it was, and a module
whose source changed since `make pyc` imported from its source."""
import os
import subprocess
import sys

from tests.support import AGENT_DIR, AgentTestCase

BUILD = os.path.join(AGENT_DIR, "native", "build_codeblob.py")

SCRIPT = """\
import os
import sys
mods = [m for n, m in sorted(sys.modules.items()) if n.startswith("labtrace_agent.")]
print(len(mods), " ".join(sorted(m.__name__ for m in mods if type(m.__spec__.loader).__name__ not in ("BlobLoader", "ExtensionFileLoader"))))
bad = [m.__name__ for m in mods if m.__file__ != m.__spec__.origin or not os.path.isfile(m.__file__)]
print("files:", bad)
agent = sys.modules["labtrace_agent.agent"]
print("code file:", agent.Agent.start.__code__.co_filename == agent.__file__)
print("source:", "class Agent" in agent.__loader__.get_source("labtrace_agent.agent"))
print("meta_path:", [type(f).__name__ for f in sys.meta_path])
print("stale:", type(sys.modules["labtrace_agent.config"].__spec__.loader).__name__)
"""


class StartBlobTest(AgentTestCase):
    @classmethod
    def setUpClass(cls):
        subprocess.run([sys.executable, BUILD], check=True, stdout=subprocess.PIPE)

    def lines(self):
        self.write("m.py", SCRIPT)
        p = self.run_script("m.py")
        self.assertEqual((p.returncode, p.stderr), (0, b""))
        self.assertEqual(self.agent_log(), "")
        return p.stdout.decode().splitlines()

    def test_start_modules_come_from_the_blob_and_look_imported(self):
        untraced = self.run_script_untraced_meta_path()
        out = self.lines()
        total, others = out[0].split(" ", 1)
        self.assertGreater(int(total), 20)
        # the others: the finder's own module, and the record's modules made from the lazy blob (loadguard)
        sys.path.insert(0, AGENT_DIR)
        try:
            from labtrace_agent import codeblob
            from labtrace_agent.record import loadguard
            lazy = set(codeblob.read(loadguard.BLOB)[1])
        finally:
            sys.path.remove(AGENT_DIR)
        self.assertEqual(sorted(set(others.split()) - lazy), ["labtrace_agent.codeblob"], "not served by the start blob")
        self.assertEqual(out[1:4], ["files: []", "code file: True", "source: True"])
        self.assertEqual(out[4], "meta_path: " + untraced, "the start finder stayed on sys.meta_path")

    def test_no_agent_module_is_read_from_its_own_file(self):
        # (PYTHONVERBOSE: importlib names every .pyc it reads; the blobs' modules are made without one)
        self.write("n.py", "x = 1\n")
        p = self.run_script("n.py", env={"PYTHONVERBOSE": "1"})
        self.assertEqual(p.returncode, 0)
        read = sorted(set(line.split("labtrace_agent")[1].strip("'/") for line in p.stderr.decode().splitlines()
                          if line.startswith("# code object from") and "labtrace_agent" in line))
        self.assertEqual(read, ["__pycache__/__init__." + sys.implementation.cache_tag + ".pyc",
                                "__pycache__/codeblob." + sys.implementation.cache_tag + ".pyc"])

    def test_a_module_whose_source_changed_is_imported_from_its_source(self):
        path = os.path.join(AGENT_DIR, "labtrace_agent", "config.py")
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1000))
        try:
            out = self.lines()
        finally:
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        self.assertEqual(out[5], "stale: SourceFileLoader")

    def run_script_untraced_meta_path(self):
        self.write("u.py", 'import sys\nprint([type(f).__name__ for f in sys.meta_path])\n')
        p = self.run_script("u.py", agent=False)
        return p.stdout.decode().strip()


if __name__ == "__main__":
    import unittest
    unittest.main()
