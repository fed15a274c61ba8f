"""The C audit hook never calls Python for opens of .py/.pyc files (issue 10): every import opens one
(about 1,600 for a scikit-learn + pandas + matplotlib script), the record drops them
(record/files.py _SKIP_SUFFIXES), and each Python call cost ~7 us in a traced process.

The hook is process-wide and cannot be removed, so the test runs in a child interpreter."""
import unittest

from tests.support import AgentTestCase
from tests.test_audit_hook import AUDIT_BUILT, child


@unittest.skipUnless(AUDIT_BUILT, "_audithook not built for this Python (make native)")
class CodeFileOpensTest(AgentTestCase):
    def test_imports_and_code_file_opens_make_no_python_call(self):
        p, out = child("""
            import py_compile
            with open("labtrace_probe_mod.py", "w") as f:
                f.write("X = 1\\n")
            py_compile.compile("labtrace_probe_mod.py")    # its .pyc exists: the import opens it
            sys.path.insert(0, os.getcwd())
            A.install(lambda kind, args: seen.append(str(args[0])), failures.append)
            before = A.state()["calls"]
            import labtrace_probe_mod
            open("labtrace_probe_mod.py").close()
            open("data.txt", "w").close()
            open("notes.pyx", "w").close()
            print(json.dumps([[os.path.basename(s) for s in seen], A.state()["calls"] - before, failures]))
        """, self.tmp)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(out, [["data.txt", "notes.pyx"], 2, []])


if __name__ == "__main__":
    unittest.main()
