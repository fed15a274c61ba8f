"""A module-level statement's end costs the same whatever the size of the values it assigned (issue 10):
the record's work there (record/variables.py: version check, summary, fingerprint) is O(1) or
O(sample), never O(n) in a list's, dict's, string's, array's or frame's size. Two measures, both at
the statement ends VariableRecorder sees from the backends: element visits (elements whose repr and
hash count their calls: an O(n) summary visits every element; deterministic) and main-thread CPU of
the same statement ends over a 10k- and a 1M-element value (a generous ratio: O(n) is ~100x)."""
import os
import tempfile
import time
import unittest

from labtrace_agent.record import variables
from labtrace_agent.record.variables import VariableRecorder

SMALL, LARGE = 10000, 1000000
STATEMENTS = 20          # `x = big` statement ends, the value changed in place before each (no reuse)
MAX_RATIO = 8.0          # CPU of the 1M case / the 10k case; O(sample) ~1, O(n) ~100
MAX_VISITS = 1000        # element visits per statement end, whatever the size (the sample is ~200)

try:
    import numpy
except ImportError:
    numpy = None
try:
    import pandas
except ImportError:
    pandas = None


class Counted(object):
    """An element that counts how often the record looks at it (repr, hash, equality)."""
    visits = 0

    def __init__(self, i):
        self.i = i

    def __repr__(self):
        Counted.visits += 1
        return "C%d" % self.i

    def __hash__(self):
        Counted.visits += 1
        return self.i

    def __eq__(self, other):
        Counted.visits += 1
        return self is other


class StatementEndScalingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        fd, cls.path = tempfile.mkstemp(suffix=".py")
        with os.fdopen(fd, "w") as f:
            f.write("x = big\n" * (STATEMENTS + 1))
        cls.floor = getattr(variables, "BUDGET_FLOOR_NS", None)
        variables.BUDGET_FLOOR_NS = 10 ** 15   # no budget: the summaries themselves are measured

    @classmethod
    def tearDownClass(cls):
        os.unlink(cls.path)
        if cls.floor is not None:
            variables.BUDGET_FLOOR_NS = cls.floor

    def statement_ends(self, value, change):
        """Main-thread CPU (ns) of STATEMENTS statement ends of `x = big`, `change(value)` before each."""
        vr = VariableRecorder()
        g = {"big": value, "x": value}
        vr.statement(1, self.path, 1, g, 0)         # parses the module (once), nothing ended yet
        spent = 0
        for line in range(2, STATEMENTS + 2):
            change(value)
            t = time.thread_time_ns()
            vr.statement(1, self.path, line, g, line)
            spent += time.thread_time_ns() - t
        self.assertEqual(len(vr.out), STATEMENTS)
        self.assertTrue(all(s.get("fingerprint") for s in vr.out), vr.out[:1])
        return spent

    def ratio(self, make, change):
        """Best of 3 of each size (a busy machine only makes a case slower)."""
        small, large = make(SMALL), make(LARGE)
        t_small = min(self.statement_ends(small, change) for _ in range(3))
        t_large = min(self.statement_ends(large, change) for _ in range(3))
        return t_large / max(t_small, 1)

    def test_element_visits_do_not_grow_with_a_list(self):
        per_end = []
        for n in (SMALL, LARGE):
            big = [Counted(i) for i in range(n)]
            Counted.visits = 0
            self.statement_ends(big, lambda v: v.append(Counted(-1)))
            per_end.append(Counted.visits / STATEMENTS)
        self.assertLessEqual(per_end[1], MAX_VISITS, per_end)
        self.assertEqual(per_end[0], per_end[1])

    def test_element_visits_do_not_grow_with_a_dict(self):
        per_end = []
        for n in (SMALL, LARGE):
            big = dict((Counted(i), Counted(i)) for i in range(n))
            Counted.visits = 0
            self.statement_ends(big, lambda v: v.__setitem__(object(), 0))
            per_end.append(Counted.visits / STATEMENTS)
        self.assertLessEqual(per_end[1], MAX_VISITS, per_end)

    def test_cpu_does_not_grow_with_a_list_of_numbers(self):
        r = self.ratio(lambda n: [float(i) for i in range(n)], lambda v: v.append(0.5))
        self.assertLess(r, MAX_RATIO, r)

    def test_cpu_does_not_grow_with_a_list_of_rows(self):
        r = self.ratio(lambda n: [(i, "city%d" % (i % 8), i * 0.5) for i in range(n)], lambda v: v.append((0, "x", 0.0)))
        self.assertLess(r, MAX_RATIO, r)

    def test_cpu_does_not_grow_with_a_dict(self):
        r = self.ratio(lambda n: dict((i, i) for i in range(n)), lambda v: v.__setitem__(len(v), 0))
        self.assertLess(r, MAX_RATIO, r)

    def test_cpu_does_not_grow_with_a_string(self):
        small, large = "row,1.5\n" * (SMALL // 8), "row,1.5\n" * (LARGE // 8)
        t = [min(self.statement_ends_of_rebound(s) for _ in range(3)) for s in (small, large)]
        self.assertLess(t[1] / max(t[0], 1), MAX_RATIO, t)

    def statement_ends_of_rebound(self, s):
        """As statement_ends, for an immutable value: each statement rebinds `x` to a new, equal-size string."""
        variants = [s[:-1] + chr(65 + i % 26) for i in range(STATEMENTS)]   # made before the clock runs
        vr = VariableRecorder()
        g = {"big": s, "x": s}
        vr.statement(1, self.path, 1, g, 0)
        spent = 0
        for line in range(2, STATEMENTS + 2):
            g["x"] = variants[line - 2]
            t = time.thread_time_ns()
            vr.statement(1, self.path, line, g, line)
            spent += time.thread_time_ns() - t
        self.assertEqual(len(vr.out), STATEMENTS)
        return spent

    @unittest.skipIf(numpy is None, "numpy not installed for this Python")
    def test_cpu_does_not_grow_with_an_array(self):
        def change(a):
            a += 1.0                                # in place: identity and shape kept, re-sampled
        r = self.ratio(lambda n: numpy.arange(n, dtype="float64"), change)
        self.assertLess(r, MAX_RATIO, r)

    @unittest.skipIf(pandas is None, "pandas not installed for this Python")
    def test_cpu_does_not_grow_with_a_dataframe(self):
        def make(n):
            return pandas.DataFrame({"a": numpy.arange(n, dtype="float64"), "b": numpy.arange(n) % 7,
                                     "city": numpy.array(["x", "y", "z", "w"])[numpy.arange(n) % 4]})

        def change(df):
            df.iloc[0, 0] += 1.0
        r = self.ratio(make, change)
        self.assertLess(r, MAX_RATIO, r)


if __name__ == "__main__":
    unittest.main()
