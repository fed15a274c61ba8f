"""3.12+: the line of a call site in module-level code comes from a map built once per module code object
(hooks/monitoring_events.line_map), not from the frame's f_lineno, which scans the code's line table from
its start at every read: a script of 2,000 statements with a call each spent 6.4 G of its 7.2 G
instructions there (callgrind, 3.12). The map must give the line f_lineno / dis give, for every offset."""
import dis
import glob
import os
import sys
import unittest

from tests.support import AGENT_DIR  # noqa: F401  (puts the agent on sys.path)


@unittest.skipIf(sys.version_info < (3, 12), "the sys.monitoring backend (3.12+)")
class ModuleLineMapTest(unittest.TestCase):
    def assert_same_lines(self, code):
        from labtrace_agent.hooks.monitoring_events import line_map
        lines = line_map(code)
        for ins in dis.get_instructions(code):
            expected = ins.positions.lineno if ins.positions else None
            self.assertEqual(lines.get(ins.offset, 0), expected or 0, (code.co_filename, ins.offset, ins.opname))

    def test_same_lines_as_dis_on_standard_library_modules(self):
        stdlib = os.path.dirname(os.__file__)
        paths = sorted(glob.glob(os.path.join(stdlib, "*.py")))[::6]
        self.assertGreater(len(paths), 15)
        for path in paths:
            with open(path, "rb") as f:
                source = f.read()
            self.assert_same_lines(compile(source, path, "exec"))

    def test_long_module_with_line_gaps_and_comprehensions(self):
        parts = ["import math"]
        for i in range(600):
            parts.append("v%d = [math.sqrt(k) for k in range(%d)]%s" % (i, i % 5, "\n\n\n" if i % 7 == 0 else ""))
        self.assert_same_lines(compile("\n".join(parts) + "\n", "<big>", "exec"))


if __name__ == "__main__":
    unittest.main()
