"""The query client shipped beside the agent (python-agent/labtrace) stays out of the tracer's way.

Nothing of the agent imports it: a traced program's first statement does not see it. A traced program
that imports it gets a working client, and the client's code is library code, never the user's, even
when the project root contains python-agent/ (scripts run from the repository). `import labtrace`
imports none of pandas, pyarrow, duckdb or the HTTP stack: they come when a call needs them.
"""
import json
import os
import subprocess
import sys
import unittest

from tests.support import AGENT_DIR, AgentTestCase, clean_env
from labtrace_agent.hooks.userfilter import UserFilter

CLIENT_DIR = os.path.join(AGENT_DIR, "labtrace")


class ClientInertTest(AgentTestCase):
    def test_traced_program_never_sees_the_client_unless_it_imports_it(self):
        self.write("prog.py", """
            import json, sys
            before = sorted(m for m in sys.modules if m == "labtrace" or m.startswith("labtrace."))
            import labtrace
            try:
                labtrace.runs(output="records")
                code = None
            except labtrace.LabtraceError as err:
                code = err.code
            print(json.dumps({"before": before, "agent": "labtrace_agent" in sys.modules, "code": code}))
        """)
        p = self.run_script("prog.py")
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        out = json.loads(p.stdout.decode().strip().splitlines()[-1])
        self.assertEqual(out["before"], [], "the agent loaded the client at start-up")
        self.assertTrue(out["agent"], "the agent did not run")
        # No daemon and no store yet in this home: a clear error, the program goes on.
        self.assertEqual(out["code"], "DAEMON_NOT_RUNNING")
        run = self.single_run()
        user_client_code = [c for c in run.codes.values() if run.s(c.get("file", 0)).startswith(CLIENT_DIR) and c.get("user")]
        self.assertEqual(user_client_code, [], "the client's code was traced as user code")

    def test_client_is_library_code_even_under_the_project_root(self):
        f = UserFilter(AGENT_DIR)  # a project whose root holds python-agent/ (the repository itself)
        self.assertTrue(f.is_user(os.path.join(AGENT_DIR, "tests", "x.py")))
        self.assertFalse(f.is_user(os.path.join(CLIENT_DIR, "_api.py")))

    def test_import_is_light(self):
        code = ("import sys; import labtrace; "
                "print(sorted(m for m in ('pandas', 'pyarrow', 'duckdb', 'numpy', 'http.client', 'socket', 'urllib.request') if m in sys.modules))")
        env = clean_env(PYTHONPATH=AGENT_DIR, LABTRACE_DISABLE="1")
        p = subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertEqual(p.stdout.decode().strip(), "[]")


if __name__ == "__main__":
    unittest.main()
