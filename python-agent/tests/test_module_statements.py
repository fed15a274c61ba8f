"""3.12+: module-level statement starts come from INSTRUCTION events (hooks/monitoring_events.instr_cb),
each offset disabled after its first run, not from LINE events, which CPython 3.12/3.13 never stop on a
module-level loop's FOR_ITER (x1.42 on a comprehension with a trivial body). The lines recorded, in the
order first run, must be the lines a settrace line tracer sees run first in the module frame."""
import sys
import unittest

from tests.support import AgentTestCase

SCRIPT = """\
import math
data = [i * 0.5 for i in range(50)]
total = 0
for v in data:
    total += v
    if v > 10:
        total -= 1
    else:
        total += 1
n = 0
while n < 3:
    n += 1
try:
    math.sqrt(-1)
except ValueError:
    total = -total
squares = {k: k * k for k in range(5)}
gen = sum(x for x in data if x > 1)
if total > 0:
    sign = 1
else:
    sign = -1
print(total, n, len(squares), gen, sign)
"""

REFERENCE = """\
import sys
order = []
def tracer(frame, event, arg):
    if frame.f_code.co_name == "<module>" and frame.f_code.co_filename.endswith("script.py"):
        if event == "line" and frame.f_lineno not in order:
            order.append(frame.f_lineno)
        return tracer
    return None
sys.settrace(tracer)
code = compile(open("script.py").read(), "script.py", "exec")
exec(code, {"__name__": "__main__", "__file__": "script.py"})
sys.settrace(None)
print(" ".join(map(str, order)))
"""


@unittest.skipIf(sys.version_info < (3, 12), "the sys.monitoring backend (3.12+)")
class ModuleStatementsTest(AgentTestCase):
    def test_statement_starts_in_first_run_order(self):
        self.write("script.py", SCRIPT)
        self.write("reference.py", REFERENCE)
        ref = self.run_script("reference.py", agent=False)
        self.assertEqual(ref.returncode, 0, ref.stderr)
        expected = [int(x) for x in ref.stdout.decode().splitlines()[-1].split()]
        p = self.run_script("script.py")
        self.assertEqual(p.returncode, 0, p.stderr)
        run = self.single_run()
        ids = {cid for cid, c in run.codes.items() if run.s(c.get("qualname", 0)) == "<module>"}
        seen = []
        for kind, _t, cid, line, *_rest in sorted(run.events, key=lambda e: e[1]):
            if kind == "STATEMENT" and cid in ids and line not in seen:
                seen.append(line)
        self.assertEqual(seen, expected)


if __name__ == "__main__":
    unittest.main()
