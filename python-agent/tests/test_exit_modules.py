"""The exit of a short traced run (its spool-only flush: Hello, the last batch, the script's hash) loads
no shared library of the standard library that the same run untraced does not load: each is a dlopen,
~2.4 M instructions (`_struct` for the wire's doubles, `_sha2`/`_sha256` for the record's hashes were,
issue 10). The agent's own C modules are loaded at start-up anyway."""
import re
import unittest

from tests.support import AgentTestCase

_LOADED = re.compile(rb"^# extension module '([^']+)' executed from", re.M)


class ExitModulesTest(AgentTestCase):
    def extension_modules(self, agent):
        p = self.run_script("nop.py", agent=agent, env={"PYTHONVERBOSE": "1"})
        self.assertEqual(p.returncode, 0, p.stderr[-2000:])
        return {m.decode() for m in _LOADED.findall(p.stderr)}

    def test_no_standard_library_extension_loaded_for_the_agent(self):
        self.write("nop.py", "x = 1\n")
        untraced = self.extension_modules(agent=False)
        traced = self.extension_modules(agent=True)
        self.assertEqual(len(self.runs()), 1)  # the run was recorded (spooled)
        ours = {m for m in traced if m.startswith("labtrace_agent.")}
        self.assertEqual(traced - ours - untraced, set())


if __name__ == "__main__":
    unittest.main()
